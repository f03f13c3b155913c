using System.Reflection;
using Vmb.Conformance.Suite.Tests;

namespace Vmb.Conformance.Package.Tests;

/// <summary>
/// The suite packed once per test class into a folder feed under a fresh temporary folder, with a prerelease version
/// no earlier run used, and an empty package folder for the children: a package restored here can only be the one
/// just packed, never a stale copy from a cache.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>Every package a third party may reference, and the tool.</summary>
    public static readonly string[] PackageIds =
    [
        "Vmb.Spec", "Vmb.Conformance.Engine", "Vmb.Conformance.Peer", "Vmb.Conformance.Channel", "Vmb.Conformance.Ring",
        "Vmb.Conformance.Xunit", "Vmb.Ring", "vmb-conformance",
    ];

    public PackedFeed()
    {
        var unique = Guid.NewGuid().ToString("n")[..8];
        Version = $"0.0.0-test.{unique}";
        Work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"vmb-package-{unique}")).FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Work, "feed")).FullName;
        Packages = Directory.CreateDirectory(Path.Combine(Work, "packages")).FullName;
        // --no-build: the test command built the solution (and building this project builds every packable one) in
        // the configuration these tests were built in.
        Packing = DotnetCli.Run(RepositoryFiles.Root, Packages, "pack", "VmbConformance.sln", "--no-build", "-c", Configuration,
            $"-p:PackageVersion={Version}", "-o", Feed);
    }

    /// <summary>The prerelease version every package of this run carries.</summary>
    public string Version { get; }

    /// <summary>The temporary folder holding everything of this run; removed on dispose.</summary>
    public string Work { get; }

    /// <summary>The local folder feed the packages were packed into.</summary>
    public string Feed { get; }

    /// <summary>The children's NUGET_PACKAGES: empty before the run.</summary>
    public string Packages { get; }

    /// <summary>The pack command's outcome, asserted by each test so a failure shows its output.</summary>
    internal DotnetCli.Outcome Packing { get; }

    private static string Configuration =>
        typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>Asserts the pack succeeded and produced every package with this run's version.</summary>
    public void AssertPacked()
    {
        Assert.True(Packing.Code == 0, Packing.ToString());
        foreach (var id in PackageIds)
            Assert.True(File.Exists(Path.Combine(Feed, $"{id}.{Version}.nupkg")), $"{id}.{Version}.nupkg missing from the feed\n{Packing}");
    }

    /// <summary>True when the package was restored into this run's own package folder (so from the feed).</summary>
    public bool RestoredHere(string id) => Directory.Exists(Path.Combine(Packages, id.ToLowerInvariant(), Version));

    public void Dispose()
    {
        try { Directory.Delete(Work, recursive: true); }
        catch (IOException) { } // a child still closing a file: the temporary folder is left to the system
        catch (UnauthorizedAccessException) { }
    }
}

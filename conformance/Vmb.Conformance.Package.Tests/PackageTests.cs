using Vmb.Conformance.Suite.Tests;
using Xunit.Abstractions;

namespace Vmb.Conformance.Package.Tests;

/// <summary>
/// The suite as a third party gets it: the tool installed from the packed package into a tool manifest of its own,
/// and the sample project (samples/, outside the solution) judged through the packed xunit base classes.
/// </summary>
public class PackageTests(PackedFeed packed, ITestOutputHelper output) : IClassFixture<PackedFeed>
{
    [Fact]
    public void The_tool_installs_from_the_local_feed_into_its_own_manifest_and_runs_from_any_folder()
    {
        AssertPacked();
        var folder = Directory.CreateDirectory(Path.Combine(packed.Work, "tool")).FullName;
        var manifest = Path.Combine(folder, "dotnet-tools.json");
        File.WriteAllText(manifest, """{ "version": 1, "isRoot": true, "tools": {} }""");

        Step(Dotnet(folder, "tool", "install", "vmb-conformance", "--local", "--version", packed.Version, "--add-source", packed.Feed,
            "--tool-manifest", manifest), "install");
        Assert.True(packed.RestoredHere("vmb-conformance"), "the tool did not come from this run's feed");

        // From a folder that is not the repository: the catalog travels inside the package (embedded in Vmb.Spec).
        var list = Step(Dotnet(folder, "tool", "run", "vmb-conformance", "--", "list", "--area", "PP"), "list");
        Assert.Contains("R-PP-5", list.Output);

        var run = Dotnet(folder, "tool", "run", "vmb-conformance", "--", "run", "--level", "ring", "--scenarios", "50", "--out", "reports");
        output.WriteLine($"run: {run}");
        // 50 scenarios are too few to exercise every MUST rule: inconclusive (3) is expected, never a failure.
        Assert.True(run.Code is 0 or 3, run.ToString());
        Assert.Contains("vmb-reference-ring", File.ReadAllText(Path.Combine(folder, "reports", "ring-conformance-report.md")));

        var bad = Dotnet(folder, "tool", "run", "vmb-conformance", "--", "run", "--scenarios", "many");
        Assert.True(bad.Code == 2, bad.ToString());
        Assert.Single(bad.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_sample_third_party_ring_passes_when_judged_through_the_packages()
    {
        AssertPacked();
        // Built from a copy outside the repository, so nothing of the repository's build settings can reach it.
        var samples = Path.Combine(packed.Work, "samples");
        CopySources(RepositoryFiles.Path("samples"), samples);

        var test = Step(Dotnet(Path.Combine(samples, "ThirdPartyRing"), "test", "-c", "Release",
            $"-p:VmbConformanceVersion={packed.Version}", $"-p:RestoreAdditionalProjectSources={packed.Feed}"), "sample");
        Assert.Contains("Passed!", test.Output);
        Assert.True(packed.RestoredHere("Vmb.Conformance.Xunit") && packed.RestoredHere("Vmb.Ring"), "the sample did not restore this run's packages");
    }

    private void AssertPacked()
    {
        output.WriteLine($"pack (once per class): exit {packed.Packing.Code} after {packed.Packing.Took.TotalSeconds:F1} s");
        packed.AssertPacked();
    }

    private DotnetCli.Outcome Dotnet(string folder, params string[] args) => DotnetCli.Run(folder, packed.Packages, args);

    private DotnetCli.Outcome Step(DotnetCli.Outcome outcome, string what)
    {
        output.WriteLine($"{what}: {outcome}");
        Assert.True(outcome.Code == 0, $"{what}: {outcome}");
        return outcome;
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj")) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

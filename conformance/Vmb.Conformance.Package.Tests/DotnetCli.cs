using System.Diagnostics;

namespace Vmb.Conformance.Package.Tests;

/// <summary>Runs the dotnet command as a child process with its own package folder, and says how long it took.</summary>
internal static class DotnetCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    // The dotnet host running these tests, so the child uses the same SDK installation.
    private static string Dotnet { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public sealed record Outcome(int Code, string Output, TimeSpan Took)
    {
        // A nested dotnet test prints its own "Passed!  - Failed: …" summary; the dash is changed so that a CI wrapper
        // counting those lines in the log (.ci/run) never counts the nested run's tests as the suite's.
        public override string ToString() => $"exit {Code} after {Took.TotalSeconds:F1} s\n{Output.Replace("!  - ", "!  — ", StringComparison.Ordinal)}";
    }

    public static Outcome Run(string workingDirectory, string packages, params string[] args)
    {
        var info = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        // dotnet test hands the test host MSBuild and VSTest settings meant for itself; a nested build must not inherit them.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(name);
        info.Environment["NUGET_PACKAGES"] = packages;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {Limit.TotalMinutes} minutes");
        }
        return new Outcome(process.ExitCode, output.Result + error.Result, clock.Elapsed);
    }
}

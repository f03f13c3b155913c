using System.CommandLine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.RingLevel;
using Vmb.Conformance.Running;
using Vmb.Ring;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `run`: the channel suite against the reference channel and the ring-level suite against the reference ring, each
/// writing its pair of reports; exit code by D14 over both.
/// </summary>
internal static class RunCommand
{
    public const string DefaultOut = "conformance-out";

    public static Command Create(RequirementCatalog catalog, TextWriter output)
    {
        var outDir = new Option<string>("--out") { Description = "Folder for the reports (conformance-report.md/.json, ring-conformance-report.md/.json).", DefaultValueFactory = _ => DefaultOut };
        var scenarios = new Option<string?>("--scenarios") { Description = $"Scenarios to generate (default {new SuiteOptions().Scenarios}, or ${SuiteOptions.ScenariosVariable})." };
        var seed = new Option<string?>("--seed") { Description = "Seed of the run (decimal or 0x hex)." };
        var profile = new Option<string>("--profile") { Description = "Framing profile of the reference: raw or pipe.", DefaultValueFactory = _ => "raw" };
        var only = new Option<string[]>("--only") { Description = "Requirement IDs to judge (comma-separated).", AllowMultipleArgumentsPerToken = true };
        var area = new Option<string[]>("--area") { Description = "Areas to judge, e.g. PP,CMPL.", AllowMultipleArgumentsPerToken = true };
        var level = new Option<string[]>("--level") { Description = "Levels to judge, e.g. MUST,SHOULD (MUST_NOT for MUST NOT).", AllowMultipleArgumentsPerToken = true };
        var fault = new Option<string?>("--fault") { Description = "Wrap the reference in a known-bad fixture of Vmb.Faulty (e.g. BufferIncludesDescriptor), to see a failing run; the ring-level suite is skipped then." };
        var command = new Command("run", "Run the channel and ring-level suites against the reference and write their reports.") { outDir, scenarios, seed, profile, only, area, level, fault };
        command.SetAction(parse =>
        {
            var defaults = new SuiteOptions();
            var options = defaults with
            {
                Scenarios = parse.GetValue(scenarios) is { } n ? Inputs.Scenarios(n) : defaults.EffectiveScenarios(),
                Seed = parse.GetValue(seed) is { } s ? Inputs.Seed(s) : defaults.Seed,
                OnlyIds = Inputs.Ids(parse.GetValue(only), catalog),
                OnlyAreas = Inputs.Areas(parse.GetValue(area)),
                OnlyLevels = Inputs.Levels(parse.GetValue(level)),
            };
            var implementation = Inputs.Implementation(Inputs.Profile(parse.GetValue(profile)!), parse.GetValue(fault));
            var directory = parse.GetValue(outDir)!;
            var channel = ConformanceRunner.Run(implementation, options, catalog);
            var conformant = Report(channel, ReportFiles.Write(directory, channel, catalog), catalog, output);
            // Faults are channel-level fixtures; the ring suite would judge the untouched reference ring and say nothing about them.
            if (parse.GetValue(fault) is null)
            {
                var ring = RingConformanceRunner.Run(new ReferenceRing(), options, catalog);
                conformant &= Report(ring, ReportFiles.Write(directory, ring, catalog, ReportFiles.RingStem), catalog, output);
            }
            return conformant ? ExitCodes.Ok : ExitCodes.NotConformant;
        });
        return command;
    }

    /// <summary>Prints one suite's summary line, its failures and warnings, and where its reports are; true when conformant.</summary>
    private static bool Report(SuiteResult result, ReportFiles.Written written, RequirementCatalog catalog, TextWriter output)
    {
        var summary = new ReportSummary(result, catalog);
        output.WriteLine($"{(summary.Conformant ? "CONFORMANT" : "NOT CONFORMANT")}: {result.Implementation.Name} {result.Implementation.Version} " +
                         $"({summary.Profile}), {result.ScenariosGenerated} scenarios, seed {result.Seed}, {result.Duration.TotalSeconds:0.0} s; " +
                         string.Join(", ", summary.ByVerdict.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key.Format()}")));
        foreach (var row in summary.Failures) output.WriteLine($"  {(row.Binding ? "FAIL" : "fail")} {row.Result.RequirementId} ({row.Level}) {row.Result.Verdict.Format()}");
        foreach (var row in summary.Warnings) output.WriteLine($"  warn {row.Result.RequirementId} ({row.Level}) {row.Result.Verdict.Format()}");
        output.WriteLine($"  reports: {written.MarkdownPath}, {written.JsonPath}");
        return summary.Conformant;
    }
}

using System.CommandLine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>`run`: the whole suite against the reference, both reports written, exit code by D14.</summary>
internal static class RunCommand
{
    public const string DefaultOut = "conformance-out";

    public static Command Create(RequirementCatalog catalog, TextWriter output)
    {
        var outDir = new Option<string>("--out") { Description = "Folder for conformance-report.md and conformance-report.json.", DefaultValueFactory = _ => DefaultOut };
        var scenarios = new Option<string?>("--scenarios") { Description = $"Scenarios to generate (default {new SuiteOptions().Scenarios}, or ${SuiteOptions.ScenariosVariable})." };
        var seed = new Option<string?>("--seed") { Description = "Seed of the run (decimal or 0x hex)." };
        var profile = new Option<string>("--profile") { Description = "Framing profile of the reference: raw or pipe.", DefaultValueFactory = _ => "raw" };
        var only = new Option<string[]>("--only") { Description = "Requirement IDs to judge (comma-separated).", AllowMultipleArgumentsPerToken = true };
        var area = new Option<string[]>("--area") { Description = "Areas to judge, e.g. PP,CMPL.", AllowMultipleArgumentsPerToken = true };
        var level = new Option<string[]>("--level") { Description = "Levels to judge, e.g. MUST,SHOULD (MUST_NOT for MUST NOT).", AllowMultipleArgumentsPerToken = true };
        var fault = new Option<string?>("--fault") { Description = "Wrap the reference in a known-bad fixture of Vmb.Faulty (e.g. BufferIncludesDescriptor), to see a failing run." };
        var command = new Command("run", "Run the suite against the reference implementation and write both reports.") { outDir, scenarios, seed, profile, only, area, level, fault };
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
            var result = ConformanceRunner.Run(implementation, options, catalog);
            var written = ReportFiles.Write(directory, result, catalog);
            var summary = new ReportSummary(result, catalog);
            output.WriteLine($"{(summary.Conformant ? "CONFORMANT" : "NOT CONFORMANT")}: {result.Implementation.Name} {result.Implementation.Version} " +
                             $"({summary.Profile}), {result.ScenariosGenerated} scenarios, seed {result.Seed}, {result.Duration.TotalSeconds:0.0} s");
            output.WriteLine(string.Join(", ", summary.ByVerdict.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key.Format()}")));
            foreach (var row in summary.Failures) output.WriteLine($"  {(row.Binding ? "FAIL" : "fail")} {row.Result.RequirementId} ({row.Level}) {row.Result.Verdict.Format()}");
            foreach (var row in summary.Warnings) output.WriteLine($"  warn {row.Result.RequirementId} ({row.Level}) {row.Result.Verdict.Format()}");
            output.WriteLine($"reports: {written.MarkdownPath}, {written.JsonPath}");
            return summary.Conformant ? ExitCodes.Ok : ExitCodes.NotConformant;
        });
        return command;
    }
}

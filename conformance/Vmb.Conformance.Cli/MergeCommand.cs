using System.CommandLine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `merge SHARD.json … --out DIR`: the JSON reports of a run's shards (`run --shard K/N`) combined into the report of
/// the whole run, in every format. Exit as the merged run's verdict (D30); 2 for a file that is missing or not a
/// report, or reports that are not shards of one run (one line naming the difference), with nothing written.
/// </summary>
internal static class MergeCommand
{
    public const string DefaultOut = "conformance-merged";

    public static Command Create(RequirementCatalog catalog, TextWriter output)
    {
        var shards = new Argument<string[]>("shards") { Description = "The JSON reports of the shards (any order).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Folder for the merged report, in every format.", DefaultValueFactory = _ => DefaultOut };
        var command = new Command("merge", "Combine the JSON reports of a run's shards into one report: counts summed, the smallest counterexample per rule kept, roots recomputed.") { shards, outDir };
        command.SetAction(parse =>
        {
            var results = parse.GetValue(shards)!.Select(p => Inputs.JsonResult("merge", p)).ToList();
            SuiteResult merged;
            try
            {
                merged = ShardMerge.Merge(results);
            }
            catch (ShardMismatchException e)
            {
                throw new UsageException($"merge: {e.Message}");
            }
            var stem = merged.Level == Rings.RingLevel.LevelName ? ReportFiles.RingStem : ReportFiles.DefaultStem;
            var written = ReportFiles.Write(parse.GetValue(outDir)!, merged, catalog, stem);
            var verdict = merged.Classify(catalog);
            output.WriteLine($"{verdict.Headline}: {merged.Implementation.Name} {merged.Implementation.Version} ({merged.Level} level), " +
                             $"shards {merged.Shards} of a {merged.Shards!.ScenariosPlanned}-scenario stream, {merged.ScenariosGenerated} scenarios judged");
            if (!merged.Shards.Complete) output.WriteLine($"  {merged.Shards.Count - merged.Shards.Numbers.Count} shard(s) of {merged.Shards.Count} not included");
            if (verdict.Verdict != SuiteVerdict.Conformant) output.WriteLine($"  why: {verdict.Explanation}");
            output.WriteLine($"  reports: {string.Join(", ", written.All)}");
            return verdict.ExitCode;
        });
        return command;
    }
}

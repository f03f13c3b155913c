using System.CommandLine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Reports;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `compare BASELINE.json CANDIDATE.json …`: what changed per requirement between JSON reports, regressions first.
/// Exit 1 when any candidate regressed (a rule that held now fails, is flaky, timed out or crashed), 0 otherwise,
/// 2 for a file that is missing or is not a report (D30).
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output)
    {
        var baseline = new Argument<string>("baseline") { Description = "The JSON report to compare against." };
        var candidates = new Argument<string[]>("candidates") { Description = "One or more JSON reports to compare with the baseline.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("compare", "Show per requirement what changed between JSON reports, regressions first; exit 1 on a regression.") { baseline, candidates };
        command.SetAction(parse =>
        {
            var before = Load(parse.GetValue(baseline)!);
            var regressed = false;
            foreach (var path in parse.GetValue(candidates)!)
            {
                var after = Load(path);
                var changes = after.Report.ChangesSince(before.Report);
                output.WriteLine($"{before.Path} ({Describe(before.Report)}) -> {after.Path} ({Describe(after.Report)})");
                foreach (var c in changes)
                {
                    var kind = c.IsRegression ? "REGRESSION" : c.IsImprovement ? "improved" : "changed";
                    output.WriteLine($"  {kind} {c.RequirementId} ({c.Level}): {c.Before ?? "(not listed)"} -> {c.After ?? "(not listed)"}");
                }
                var regressions = changes.Count(c => c.IsRegression);
                output.WriteLine($"  {regressions} regression(s), {changes.Count(c => c.IsImprovement)} improvement(s), " +
                                 $"{changes.Count(c => !c.IsRegression && !c.IsImprovement)} other change(s)");
                regressed |= regressions > 0;
            }
            return regressed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(ReportVerdicts r) => $"{r.Implementation}, {r.Level} level, seed {r.Seed}: {r.Verdict}";

    private static (string Path, ReportVerdicts Report) Load(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"compare: report '{path}' does not exist");
        try
        {
            return (path, ReportVerdicts.Parse(File.ReadAllText(path)));
        }
        catch (FormatException e)
        {
            throw new UsageException($"compare: {path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"compare: {path} cannot be read: {e.Message}");
        }
    }
}

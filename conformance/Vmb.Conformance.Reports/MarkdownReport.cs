using System.Globalization;
using System.Text;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Reports;

/// <summary>The human report: stamp, verdict with its definition, counts, failures with counterexamples, warnings, every row, filter, coverage.</summary>
public static class MarkdownReport
{
    /// <summary>File name the main command writes.</summary>
    public const string FileName = "conformance-report.md";

    /// <summary>Renders the report (lines end with \n on every platform, so snapshots compare).</summary>
    public static string Render(SuiteResult result, RequirementCatalog catalog)
    {
        var s = new ReportSummary(result, catalog);
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line($"# Conformance report: {s.Implementation.Name} {s.Implementation.Version}");
        Line();
        Line("| Stamp | Value |");
        Line("| --- | --- |");
        Line($"| Level | {result.Level} |");
        Line($"| Implementation | {Cell(s.Implementation.Name)} |");
        Line($"| Implementation version | {Cell(s.Implementation.Version)} |");
        Line($"| Framing profile | {s.Profile} |");
        Line($"| Declared capabilities | {(s.Capabilities.Count == 0 ? "none" : string.Join(", ", s.Capabilities))} |");
        Line($"| Catalog version | {Cell(result.CatalogVersion)} |");
        Line($"| Suite version | {Cell(result.SuiteVersion)} |");
        Line($"| Schema version | {result.SchemaVersion} |");
        Line($"| Seed | {result.Seed} |");
        Line($"| Scenarios generated | {result.ScenariosGenerated} |");
        if (result.Corpus is { } corpus)
            Line($"| Scenarios read from | corpus {Cell(corpus.Name)} ({corpus.Scenarios} scenarios, SHA-256 {corpus.Sha256[..16]}…); the seed chose none |");
        if (result.Shards is { } shards)
            Line($"| Shards | {shards} of a {shards.ScenariosPlanned}-scenario stream{(shards.Complete ? "" : $" ({shards.Count - shards.Numbers.Count} shard(s) not included)")} |");
        Line($"| Started (UTC) | {result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} |");
        Line($"| Duration | {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s |");
        Line();
        Line("## Verdict");
        Line();
        Line($"**{s.Classification.Headline}**");
        Line();
        if (!s.Conformant)
        {
            Line(Cell(s.Classification.Explanation) + ".");
            Line();
        }
        if (result.Abandoned is { } abandoned)
        {
            Line($"The run stopped early: {Cell(abandoned)}");
            Line();
        }
        if (result.StoppedOnBudget is { } budget)
        {
            Line($"The run stopped on its time budget: {Cell(budget)}.");
            Line();
        }
        Line(ReportSummary.ConformanceRule);
        Line();

        Line("## Counts");
        Line();
        Line("| Verdict | Requirements |");
        Line("| --- | ---: |");
        foreach (var (verdict, count) in s.ByVerdict) Line($"| {verdict.Format()} | {count} |");
        Line($"| total | {s.Rows.Count} |");
        Line();
        Line($"| Level | {string.Join(" | ", VerdictNames.Order.Select(v => v.Format()))} |");
        Line($"| --- |{string.Concat(VerdictNames.Order.Select(_ => " ---: |"))}");
        foreach (var (level, counts) in s.ByLevel) Line($"| {level} | {string.Join(" | ", VerdictNames.Order.Select(v => counts[v]))} |");
        Line();
        Line("Rules without a verdict from this run, by why:");
        Line();
        Line("| Why | Requirements |");
        Line("| --- | ---: |");
        foreach (var (kind, count) in UntestedKinds.Count(s)) Line($"| {kind} | {count} |");
        Line();

        Line("## Failures");
        Line();
        var roots = s.RootFailures.ToList();
        var consequences = s.Consequences.ToList();
        if (roots.Count + consequences.Count == 0) { Line("None."); Line(); }
        else
        {
            // Roots first (D23): a reader fixes these, and the consequences listed under each usually go with them.
            Line($"{roots.Count} distinct root cause(s); {consequences.Count} further failure(s) follow from them.");
            Line();
        }
        foreach (var row in roots)
        {
            Failure(md, row);
            var following = consequences.Where(c => c.Result.ConsequenceOf.Contains(row.Result.RequirementId)).Select(c => c.Result.RequirementId).ToList();
            if (following.Count > 0) { Line($"Consequences of {row.Result.RequirementId}: {string.Join(", ", following)} (below)."); Line(); }
        }
        if (consequences.Count > 0)
        {
            Line("### Consequences");
            Line();
            Line("These rules failed only in scenarios where another rule had already failed earlier; each names the rule(s) it follows from.");
            Line();
        }
        foreach (var row in consequences) Failure(md, row);

        Line("## Warnings (SHOULD failures)");
        Line();
        var warnings = s.Warnings.ToList();
        if (warnings.Count == 0) { Line("None."); Line(); }
        foreach (var row in warnings) Failure(md, row);

        Line("## Requirements");
        Line();
        Line("Scenarios run: the serial scenarios the rule's check judged; exercised: those among them that reached a situation the rule " +
             "speaks about. Threaded runs of the concurrency slice are judged but not counted (E-32).");
        Line();
        Line("| ID | Level | Verdict | Scenarios (run / exercised) | Detail |");
        Line("| --- | --- | --- | --- | --- |");
        foreach (var row in s.Rows)
            Line($"| {row.Result.RequirementId} | {row.Level} | {row.Result.Verdict.Format()} | {row.Result.ScenariosRun} / {row.Result.ScenariosExercised} | {Cell(row.Result.Detail ?? "")} |");
        Line();

        Line("## Filtered out (D20)");
        Line();
        Line(result.FilteredOut.Count == 0
            ? "Nothing: every catalog requirement was selected."
            : $"{result.FilteredOut.Count} requirement(s) not selected by the --only / --area / --requirement-level filter: {string.Join(", ", result.FilteredOut)}.");
        Line();

        Line("## Generator coverage");
        Line();
        Line("| Situation | Scenarios | Required |");
        Line("| --- | ---: | --- |");
        foreach (var (situation, count) in ReportSummary.Coverage(result))
            Line($"| {Cell(situation)} | {count} | {(result.RequiredSituations.Contains(situation) ? count == 0 ? "**not reached**" : "yes" : "")} |");
        FieldCoverageSection.Write(md, result.FieldCoverage);
        return md.ToString();
    }

    private static void Failure(StringBuilder md, ReportRow row)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        var r = row.Result;
        Line($"### {r.RequirementId} ({row.Level}): {r.Verdict.Format()}{(r.ConsequenceOf.Count > 0 ? $", consequence of {string.Join(", ", r.ConsequenceOf)}" : "")}");
        Line();
        if (r.Counterexample is { } c)
        {
            Line(c.Headline);
            Line();
            Line(c.Message);
            Line();
            Line($"Shrunk scenario ({c.PacketCount} packet(s), {c.ShrinkSteps} shrink step(s); {c.ReplaysFailed} of {c.Replays} replay(s) failed):");
            Line();
            Fence(md, c.ScenarioText);
            Line("Trace excerpt:");
            Line();
            Fence(md, c.TraceExcerpt);
            Line("Replay:");
            Line();
            Fence(md, c.ReplayCommand);
        }
        else
        {
            if (row.Requirement is { } q) Line($"{q.Id} ({q.LevelLabel}): {q.Statement}");
            Line();
            Line(r.Detail ?? "(no detail)");
            Line();
        }
    }

    private static void Fence(StringBuilder md, string text)
    {
        // A fence longer than any backtick run inside keeps the block intact whatever the text holds.
        var longest = 0;
        var run = 0;
        foreach (var ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', Math.Max(3, longest + 1));
        md.Append(fence).Append('\n').Append(text.Replace("\r\n", "\n").TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
    }

    internal static string Cell(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace("|", "\\|");
}

using System.Globalization;
using System.Text;
using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;
using static System.Net.WebUtility;

namespace Vmb.Conformance.Reports.Html;

/// <summary>The dashboard's sections, each appended to the page in turn.</summary>
internal static class DashboardSections
{
    public static void Implementations(StringBuilder page, IReadOnlyList<DashboardEntry> entries, IReadOnlyList<ReportSummary> summaries, RequirementCatalog catalog)
    {
        void Line(string html) => page.Append(html).Append('\n');
        Line("<h2 id=\"implementations\">Implementations</h2>");
        Line("<table class=\"implementations\"><thead><tr><th>#</th><th>Implementation</th><th>Level</th><th>Profile</th><th>Capabilities</th>" +
             "<th>Scenarios</th><th>Verdict</th><th>MUST passed</th><th>Roots</th><th>Expected</th><th>Reports</th></tr></thead><tbody>");
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, s) = (entries[i], summaries[i]);
            var share = MustShare.Of(entry.Result, catalog);
            var verdict = s.Classification.Verdict.Format();
            var roots = s.RootFailures.Select(r => Link($"#f-{i}-{r.Result.RequirementId}", r.Result.RequirementId));
            var expected = entry.Expectation is { } x ? $"<span class=\"{(x.Met ? "met" : "unmet")}\">{(x.Met ? "as expected" : "NOT as expected")}</span>: {HtmlEncode(x.Text)}" : "";
            var files = entry.Stem is { } stem
                ? string.Join(" ", new[] { ".html", ".md", ".json", ".junit.xml", ".svg" }.Select(ext => Link(Uri.EscapeDataString(stem + ext), ext.TrimStart('.'))))
                : "";
            Line($"<tr id=\"impl-{i}\"><td>{i + 1}</td><td>{HtmlEncode(Name(entry.Result))}</td><td>{HtmlEncode(entry.Result.Level)}</td><td>{s.Profile}</td>" +
                 $"<td>{HtmlEncode(string.Join(", ", s.Capabilities))}</td><td>{entry.Result.ScenariosGenerated}{Stopped(entry.Result)}</td>" +
                 $"<td class=\"verdict-{verdict}\">{HtmlEncode(s.Classification.Headline)}</td><td>{share.Passed} / {share.Applicable} ({share.Percent} %)</td>" +
                 $"<td>{string.Join(", ", roots)}</td><td>{expected}</td><td>{files}</td></tr>");
        }
        Line("</tbody></table>");
    }

    public static void Matrix(StringBuilder page, IReadOnlyList<DashboardEntry> entries, IReadOnlyList<ReportSummary> summaries, IReadOnlyList<Requirement> rows)
    {
        void Line(string html) => page.Append(html).Append('\n');
        Line("<h2 id=\"matrix\">Requirements × implementations</h2>");
        Line("<div class=\"filters\">");
        Select(page, "filter-level", "Level", rows.Select(r => r.Level.Format()).Distinct().OrderBy(l => RequirementLevels.Parse(l)));
        Select(page, "filter-area", "Area", rows.Select(r => r.Area.Format()).Distinct().OrderBy(a => a, StringComparer.Ordinal));
        Select(page, "filter-verdict", "Verdict", VerdictNames.Order.Select(v => v.Format()));
        Line("<span id=\"rows-shown\"></span></div>");
        Line("<p>✓ pass · ✗ fail (root cause) · (✗) fail as a consequence of another rule · ~ flaky · T timeout · C crash · H harness error · – not applicable · i informational · ? not exercised · · untested; empty: not judged at that level.</p>");
        Line("<div class=\"matrix-wrap\"><table class=\"matrix\"><thead><tr><th>Rule</th><th>Level</th>");
        for (var i = 0; i < entries.Count; i++) Line($"<th class=\"impl\" title=\"{HtmlEncode(Name(entries[i].Result))}\"><a href=\"#impl-{i}\">{HtmlEncode(Name(entries[i].Result))}</a></th>");
        Line("</tr></thead><tbody>");
        var byId = summaries.Select(s => s.Rows.ToDictionary(r => r.Result.RequirementId, r => r.Result, StringComparer.Ordinal)).ToList();
        foreach (var rule in rows)
        {
            var results = byId.Select(d => d.GetValueOrDefault(rule.Id)).ToList();
            var verdicts = string.Join(" ", results.OfType<RequirementResult>().Select(r => r.Verdict.Format()).Distinct().OrderBy(v => v, StringComparer.Ordinal));
            page.Append($"<tr data-level=\"{rule.Level.Format()}\" data-area=\"{rule.Area.Format()}\" data-verdicts=\"{verdicts}\">")
                .Append($"<td>{Link("#" + rule.Id, rule.Id)}</td><td>{HtmlEncode(rule.LevelLabel)}</td>");
            for (var i = 0; i < results.Count; i++)
            {
                var (css, text) = HtmlDashboard.Cell(results[i]);
                var tip = HtmlEncode($"{Name(entries[i].Result)}: {rule.Id} {results[i]?.Verdict.Format() ?? "not judged at this level"}");
                var content = results[i] is { Counterexample: not null } ? Link($"#f-{i}-{rule.Id}", text) : text;
                page.Append($"<td class=\"cell {css}\" title=\"{tip}\">{content}</td>");
            }
            page.Append("</tr>\n");
        }
        Line("</tbody></table></div>");
    }

    public static void Failures(StringBuilder page, int column, ReportSummary s)
    {
        void Line(string html) => page.Append(html).Append('\n');
        var roots = s.RootFailures.ToList();
        var consequences = s.Consequences.ToList();
        var warnings = s.Warnings.ToList();
        if (roots.Count + consequences.Count + warnings.Count == 0) return;
        Line($"<h2 id=\"failures-{column}\">{HtmlEncode(Name(s.Result))}: {roots.Count} root cause(s), {consequences.Count} consequence(s), {warnings.Count} warning(s)</h2>");
        // Roots first (D23), each followed by the rules that failed because it did.
        foreach (var root in roots)
        {
            Failure(page, column, root, "root cause");
            foreach (var c in consequences.Where(c => c.Result.ConsequenceOf.Contains(root.Result.RequirementId)))
                Failure(page, column, c, $"consequence of {string.Join(", ", c.Result.ConsequenceOf)}");
        }
        foreach (var c in consequences.Where(c => !c.Result.ConsequenceOf.Any(id => roots.Any(r => r.Result.RequirementId == id))))
            Failure(page, column, c, $"consequence of {string.Join(", ", c.Result.ConsequenceOf)}");
        foreach (var w in warnings) Failure(page, column, w, "warning (SHOULD)");
    }

    private static void Failure(StringBuilder page, int column, ReportRow row, string role)
    {
        var r = row.Result;
        page.Append($"<details class=\"failure\" id=\"f-{column}-{r.RequirementId}\"><summary>{Link("#" + r.RequirementId, r.RequirementId)} ({HtmlEncode(row.Level)}): " +
                    $"{r.Verdict.Format()}, {HtmlEncode(role)}</summary>\n");
        if (r.Counterexample is { } c)
        {
            page.Append($"<p class=\"headline\">{HtmlEncode(c.Headline)}</p><p>{HtmlEncode(c.Message)}</p>\n")
                .Append($"<p>Shrunk scenario ({c.PacketCount} packet(s), {c.ShrinkSteps} shrink step(s); {c.ReplaysFailed} of {c.Replays} replay(s) failed):</p>")
                .Append($"<pre class=\"scenario\">{HtmlEncode(c.ScenarioText)}</pre>\n<p>Trace excerpt:</p><pre class=\"trace\">{HtmlEncode(c.TraceExcerpt)}</pre>\n")
                .Append($"<p>Replay:</p><pre class=\"replay\">{HtmlEncode(c.ReplayCommand)}</pre>\n");
        }
        else
        {
            page.Append($"<p>{HtmlEncode(r.Detail ?? "(no detail)")}</p>\n");
        }
        page.Append("</details>\n");
    }

    public static void Coverage(StringBuilder page, int column, SuiteResult result)
    {
        page.Append($"<details class=\"coverage\" id=\"coverage-{column}\"><summary>Coverage: {HtmlEncode(Name(result))}</summary>\n");
        page.Append("<table><thead><tr><th>Situation</th><th>Scenarios</th><th>Required</th></tr></thead><tbody>\n");
        foreach (var (situation, count) in ReportSummary.Coverage(result))
        {
            var required = result.RequiredSituations.Contains(situation) ? count == 0 ? "<b>not reached</b>" : "yes" : "";
            page.Append($"<tr><td>{HtmlEncode(situation)}</td><td>{count}</td><td>{required}</td></tr>\n");
        }
        page.Append("</tbody></table>\n");
        if (result.FieldCoverage.Count > 0)
        {
            page.Append("<table><thead><tr><th>Field</th><th>Classes (* required): scenarios</th></tr></thead><tbody>\n");
            foreach (var field in result.FieldCoverage.GroupBy(r => r.Field))
                page.Append($"<tr><td>{HtmlEncode(field.Key)}</td><td>{string.Join(", ", field.Select(FieldCell))}</td></tr>\n");
            page.Append("</tbody></table>\n");
        }
        page.Append("</details>\n");
    }

    public static void Catalog(StringBuilder page, IReadOnlyList<Requirement> rows)
    {
        page.Append("<h2 id=\"catalog\">The rules</h2>\n");
        foreach (var r in rows)
        {
            var checks = r.Checks.Count == 0 ? $"no check: {r.Reason}" : string.Join(", ", r.Checks.Select(c => $"{c.Key}: {c.Value}"));
            page.Append($"<div class=\"rule\" id=\"{r.Id}\"><span class=\"id\">{r.Id}</span> ({HtmlEncode(r.LevelLabel)}, {r.Area.Format()}): {HtmlEncode(r.Statement)} " +
                        $"<small>Source: {HtmlEncode(Sentence(r.Source))} {HtmlEncode(Sentence(checks))}</small></div>\n");
        }
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    private static string FieldCell(FieldCoverageRow row) =>
        HtmlEncode($"{row.Class}{(row.Required ? "*" : "")}: ") +
        (row.Required && row.Scenarios == 0 ? "<b>not reached</b>" : row.Scenarios.ToString(CultureInfo.InvariantCulture));

    private static void Select(StringBuilder page, string id, string label, IEnumerable<string> options)
    {
        page.Append($"<label>{label} <select id=\"{id}\"><option value=\"\">all</option>");
        foreach (var o in options) page.Append($"<option value=\"{HtmlEncode(o)}\">{HtmlEncode(o)}</option>");
        page.Append("</select></label>\n");
    }

    private static string Stopped(SuiteResult r) =>
        (r.Abandoned is { } a ? $"<br><small>stopped early: {HtmlEncode(a)}</small>" : "") + (r.StoppedOnBudget is { } b ? $"<br><small>{HtmlEncode(b)}</small>" : "");

    internal static string Name(SuiteResult r) => $"{r.Implementation.Name} {r.Implementation.Version}{(r.Level == "ring" ? " (ring)" : "")}";

    private static string Link(string href, string text) => $"<a href=\"{HtmlEncode(href)}\">{HtmlEncode(text)}</a>";
}

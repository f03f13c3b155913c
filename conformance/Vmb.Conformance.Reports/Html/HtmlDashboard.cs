using System.Globalization;
using System.Text;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;
using static System.Net.WebUtility;

namespace Vmb.Conformance.Reports.Html;

/// <summary>
/// The single-file HTML dashboard: a matrix of implementations × requirements with filters by level, area and
/// verdict; each implementation's root failures with their consequences and counterexamples, and its coverage; every
/// rule linked to its catalog entry. Deterministic: no timestamps, durations or machine names.
/// </summary>
public static class HtmlDashboard
{
    /// <summary>Renders the page for <paramref name="entries"/>, one matrix column each, in the order given.</summary>
    public static string Render(IReadOnlyList<DashboardEntry> entries, RequirementCatalog catalog, string title = "VMBus conformance")
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(catalog);
        var page = new StringBuilder();
        void Line(string html) => page.Append(html).Append('\n');
        var summaries = entries.Select(e => new ReportSummary(e.Result, catalog)).ToList();

        Line("<!DOCTYPE html>");
        Line("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        Line($"<title>{HtmlEncode(title)}</title>");
        Line($"<style>{DashboardAssets.Style}</style>");
        Line("</head><body>");
        Line($"<h1>{HtmlEncode(title)}</h1>");
        Line($"<p>Catalog {Versions(entries, r => r.CatalogVersion)}, suite {Versions(entries, r => r.SuiteVersion)}, seed {Versions(entries, r => r.Seed.ToString(CultureInfo.InvariantCulture))}. " +
             $"{HtmlEncode(ReportSummary.ConformanceRule)}</p>");
        DashboardSections.Implementations(page, entries, summaries, catalog);
        var rows = MatrixRows(entries, catalog);
        DashboardSections.Matrix(page, entries, summaries, rows);
        for (var i = 0; i < entries.Count; i++) DashboardSections.Failures(page, i, summaries[i]);
        for (var i = 0; i < entries.Count; i++) DashboardSections.Coverage(page, i, entries[i].Result);
        DashboardSections.Catalog(page, rows);
        Line($"<script>{DashboardAssets.Script}</script>");
        Line("</body></html>");
        return page.ToString();
    }

    // Every rule some column judged, in catalog order; a rule the catalog does not know goes last.
    private static List<Requirement> MatrixRows(IReadOnlyList<DashboardEntry> entries, RequirementCatalog catalog)
    {
        var listed = entries.SelectMany(e => e.Result.Results).Select(r => r.RequirementId).ToHashSet(StringComparer.Ordinal);
        return catalog.Requirements.Where(r => listed.Contains(r.Id)).ToList();
    }

    private static string Versions(IReadOnlyList<DashboardEntry> entries, Func<SuiteResult, string> of) =>
        HtmlEncode(string.Join(" / ", entries.Select(e => of(e.Result)).Distinct(StringComparer.Ordinal)));

    /// <summary>The CSS class and short cell text of a verdict; a failure that follows from another rule is told apart.</summary>
    internal static (string Css, string Text) Cell(RequirementResult? r) => r switch
    {
        null => ("v-absent", ""),
        { Verdict: Verdict.Fail, ConsequenceOf.Count: > 0 } => ("v-consequence", "(✗)"),
        { Verdict: Verdict.Fail } => ("v-fail", "✗"),
        { Verdict: Verdict.Pass } => ("v-pass", "✓"),
        { Verdict: Verdict.Flaky } => ("v-flaky", "~"),
        { Verdict: Verdict.Timeout } => ("v-timeout", "T"),
        { Verdict: Verdict.Crash } => ("v-crash", "C"),
        { Verdict: Verdict.HarnessError } => ("v-harness-error", "H"),
        { Verdict: Verdict.NotApplicable } => ("v-not-applicable", "–"),
        { Verdict: Verdict.Informational } => ("v-informational", "i"),
        { Verdict: Verdict.NotExercised } => ("v-not-exercised", "?"),
        _ => ("v-untested", "·"),
    };
}

using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Reports;

/// <summary>
/// Why a rule has no verdict from this run, one kind each, so "untested" never lumps a rule judged in the other
/// level's report together with a rule nobody can judge.
/// </summary>
public static class UntestedKinds
{
    /// <summary>Every kind, in report order.</summary>
    public static IReadOnlyList<string> Order { get; } =
        ["judged at the other level", "not observable", "by construction", "review", "not exercised", "no check yet"];

    /// <summary>The kind of <paramref name="row"/>'s missing verdict at <paramref name="level"/>, or null when it has a verdict.</summary>
    public static string? Of(ReportRow row, string level) => row.Result.Verdict switch
    {
        Verdict.NotExercised => "not exercised",
        Verdict.Untested => row.Requirement switch
        {
            null => "no check yet",
            { Verification: Verification.NotObservable } => "not observable",
            { Verification: Verification.ByConstruction } => "by construction",
            { Verification: Verification.Review } => "review",
            var r when r.Checks.Keys.Any(l => l != level) => "judged at the other level",
            _ => "no check yet",
        },
        _ => null,
    };

    /// <summary>How many rows of <paramref name="summary"/> there are of each kind, every kind present.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Count(ReportSummary summary)
    {
        var kinds = summary.Rows.Select(r => Of(r, summary.Result.Level)).OfType<string>().ToList();
        return Order.Select(k => KeyValuePair.Create(k, kinds.Count(x => x == k))).ToList();
    }
}

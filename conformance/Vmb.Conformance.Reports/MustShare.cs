using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Reports;

/// <summary>
/// How many of the applicable MUST and MUST NOT rules passed: the figure on the badge and in the dashboard. Applicable
/// means judged by a check at the run's level and not made not-applicable by what the implementation declares; such a
/// rule that was never exercised counts as not passed. Rules judged in the other level's report, or verified by
/// construction, review or not at all, are not part of the figure (the reports count them by kind).
/// </summary>
public sealed record MustShare(int Passed, int Applicable)
{
    /// <summary>Counts the rows of <paramref name="result"/> that bind (D14).</summary>
    public static MustShare Of(SuiteResult result, RequirementCatalog catalog)
    {
        var binding = result.Results
            .Where(r => catalog.Find(r.RequirementId) is { CountsForConformance: true } q && q.IsJudgedAt(result.Level) && r.Verdict is not (Verdict.NotApplicable or Verdict.Informational))
            .ToList();
        return new MustShare(binding.Count(r => r.Verdict == Verdict.Pass), binding.Count);
    }

    /// <summary>Whole percent, rounded down so a single failure never shows as 100 %; 0 when nothing applies.</summary>
    public int Percent => Applicable == 0 ? 0 : Passed * 100 / Applicable;
}

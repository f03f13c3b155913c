using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Results;

/// <summary>Everything one suite run produced, stamped as D21 asks.</summary>
public sealed record SuiteResult(
    ImplementationInfo Implementation,
    string CatalogVersion,
    string SuiteVersion,
    int SchemaVersion,
    ulong Seed,
    int ScenariosGenerated,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<RequirementResult> Results,
    IReadOnlyList<string> FilteredOut,
    IReadOnlyDictionary<string, int> GeneratorCoverage)
{
    /// <summary>
    /// D14: conformant when every applicable MUST / MUST NOT rule (model rules included) passes.
    /// <paramref name="catalog"/> supplies the levels.
    /// </summary>
    public bool IsConformant(RequirementCatalog catalog) =>
        Results.All(r => catalog.Find(r.RequirementId) is not { CountsForConformance: true }
                         || r.Verdict is Verdict.Pass or Verdict.NotApplicable or Verdict.Untested or Verdict.Informational);
}

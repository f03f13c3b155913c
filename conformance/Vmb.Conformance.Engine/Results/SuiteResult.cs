using Vmb.Conformance.Fields;
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
    /// <summary>The level that judged the implementation ("channel", "ring").</summary>
    public string Level { get; init; } = "channel";

    /// <summary>The situations the level requires a run to reach (D26); see <see cref="GeneratorCoverage"/> for what was reached.</summary>
    public IReadOnlyList<string> RequiredSituations { get; init; } = [];

    /// <summary>The per-field coverage table: how often each range class of each field occurred, required classes included.</summary>
    public IReadOnlyList<FieldCoverageRow> FieldCoverage { get; init; } = [];

    /// <summary>Why the run stopped early (the implementation did not return within the watchdog's limit), or null.</summary>
    public string? Abandoned { get; init; }

    /// <summary>
    /// Set when generation ended because the run's wall-clock budget (<see cref="SuiteOptions.Duration"/>) was spent:
    /// how many of the planned scenarios ran. The verdict stands on the scenarios that ran.
    /// </summary>
    public string? StoppedOnBudget { get; init; }

    /// <summary>
    /// The slices of the scenario stream this result covers: one shard for a sharded run, every shard number merged for
    /// a merged result, null for a whole run. <see cref="ShardCoverage.ScenariosPlanned"/> is the length of the whole stream.
    /// </summary>
    public ShardCoverage? Shards { get; init; }

    /// <summary>The corpus the scenarios were read from (<see cref="SuiteOptions.Corpus"/>), or null when they were generated from <see cref="Seed"/>.</summary>
    public CorpusStamp? Corpus { get; init; }

    /// <summary>Required situations no scenario reached.</summary>
    public IEnumerable<string> MissingSituations => RequiredSituations.Where(s => GeneratorCoverage.GetValueOrDefault(s) == 0);

    /// <summary>Required field classes no scenario produced, as "field=class".</summary>
    public IEnumerable<string> MissingFieldClasses => FieldCoverage.Where(r => r.Required && r.Scenarios == 0).Select(r => new FieldClass(r.Field, r.Class).ToString());

    /// <summary>The run's verdict as a whole (D14, D26), with the rules and situations behind it.</summary>
    public SuiteClassification Classify(RequirementCatalog catalog) => SuiteClassification.Of(this, catalog);

    /// <summary>D14: conformant when every applicable MUST / MUST NOT rule (model rules included) passes and the evidence suffices (D26).</summary>
    public bool IsConformant(RequirementCatalog catalog) => Classify(catalog).Verdict == SuiteVerdict.Conformant;
}

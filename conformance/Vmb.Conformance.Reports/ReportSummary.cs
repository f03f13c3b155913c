using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Reports;

/// <summary>One requirement's row: its verdict joined with what the catalog says about it.</summary>
/// <param name="Result">The verdict and its evidence.</param>
/// <param name="Requirement">The catalog entry (null only for a result the catalog does not know).</param>
public sealed record ReportRow(RequirementResult Result, Requirement? Requirement)
{
    /// <summary>"MUST (model)", "SHOULD", …; "?" for an unknown requirement.</summary>
    public string Level => Requirement?.LevelLabel ?? "?";

    /// <summary>True when a problem verdict here makes the implementation non-conformant (D14).</summary>
    public bool Binding => Requirement is { CountsForConformance: true };

    /// <summary>True for a problem verdict on a SHOULD or SHOULD NOT rule: a warning, never a verdict on conformance.</summary>
    public bool IsWarning => Result.Verdict.IsProblem() && Requirement?.Level is RequirementLevel.Should or RequirementLevel.ShouldNot;
}

/// <summary>What both report writers print, computed once from a <see cref="SuiteResult"/> and the catalog.</summary>
public sealed class ReportSummary
{
    /// <summary>D14 in the words every report states.</summary>
    public const string ConformanceRule =
        "Conformant means every applicable MUST and MUST NOT requirement (model rules included) passed (D14). " +
        "SHOULD failures are warnings, MAY rules describe optional capabilities, and not-applicable, informational " +
        "and untested requirements are never counted as passes. A run in which a MUST rule with a check was never exercised, " +
        "or a required situation or field class never occurred, is INCONCLUSIVE (D26).";

    /// <summary>Summarises <paramref name="result"/>.</summary>
    public ReportSummary(SuiteResult result, RequirementCatalog catalog)
    {
        Result = result ?? throw new ArgumentNullException(nameof(result));
        ArgumentNullException.ThrowIfNull(catalog);
        Rows = result.Results.Select(r => new ReportRow(r, catalog.Find(r.RequirementId))).ToList();
        Classification = result.Classify(catalog);
        Conformant = Classification.Verdict == SuiteVerdict.Conformant;
        ByVerdict = VerdictNames.Order.ToDictionary(v => v, v => Rows.Count(r => r.Result.Verdict == v));
        ByLevel = Rows.GroupBy(r => r.Level).OrderBy(g => LevelRank(g.First()))
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<Verdict, int>)VerdictNames.Order.ToDictionary(v => v, v => g.Count(r => r.Result.Verdict == v)));
    }

    /// <summary>The run.</summary>
    public SuiteResult Result { get; }

    /// <summary>The implementation judged.</summary>
    public ImplementationInfo Implementation => Result.Implementation;

    /// <summary>One row per judged requirement, in catalog order.</summary>
    public IReadOnlyList<ReportRow> Rows { get; }

    /// <summary>The run's verdict (D14, D26) with the rules and situations behind it.</summary>
    public SuiteClassification Classification { get; }

    /// <summary>True when the verdict is CONFORMANT.</summary>
    public bool Conformant { get; }

    /// <summary>Requirements per verdict, every verdict present.</summary>
    public IReadOnlyDictionary<Verdict, int> ByVerdict { get; }

    /// <summary>Requirements per level and verdict, strongest level first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<Verdict, int>> ByLevel { get; }

    /// <summary>Problem verdicts that are not warnings, binding ones first.</summary>
    public IEnumerable<ReportRow> Failures => Rows.Where(r => r.Result.Verdict.IsProblem() && !r.IsWarning).OrderBy(r => r.Binding ? 0 : 1);

    /// <summary>Failures that are root causes (D23), binding ones first: what a reader fixes first.</summary>
    public IEnumerable<ReportRow> RootFailures => Failures.Where(r => r.Result.ConsequenceOf.Count == 0);

    /// <summary>Failures that follow from another rule's breakage (D23), listed under their roots and counted apart.</summary>
    public IEnumerable<ReportRow> Consequences => Failures.Where(r => r.Result.ConsequenceOf.Count > 0);

    /// <summary>Problem verdicts on SHOULD / SHOULD NOT rules.</summary>
    public IEnumerable<ReportRow> Warnings => Rows.Where(r => r.IsWarning);

    /// <summary>
    /// The declared capabilities by name, empty when nothing optional is declared: the channel's, then each ring
    /// side's as "writer: X" and "reader: X" (D25).
    /// </summary>
    public IReadOnlyList<string> Capabilities =>
        Enum.GetValues<ChannelCapabilities>().Where(c => c != ChannelCapabilities.None && Implementation.Has(c)).Select(c => c.ToString())
            .Concat(RingCapabilitySides.Names("writer", Implementation.RingWriter))
            .Concat(RingCapabilitySides.Names("reader", Implementation.RingReader))
            .ToList();

    /// <summary>The profile as written on the command line.</summary>
    public string Profile => Implementation.Profile.ToString().ToLowerInvariant();

    /// <summary>Every situation counted, plus each required one never reached (count 0), in name order.</summary>
    public static IEnumerable<KeyValuePair<string, int>> Coverage(SuiteResult result) =>
        result.GeneratorCoverage.Concat(result.RequiredSituations.Where(k => !result.GeneratorCoverage.ContainsKey(k)).Select(k => KeyValuePair.Create(k, 0)))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal);

    private static int LevelRank(ReportRow row) =>
        row.Requirement is { } r ? (int)r.Level * 2 + (r.Model ? 1 : 0) : int.MaxValue;
}

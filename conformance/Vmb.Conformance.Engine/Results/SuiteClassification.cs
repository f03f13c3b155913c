using Vmb.Spec.Catalog;
using RuleVerdict = Vmb.Spec.Verdicts.Verdict;

namespace Vmb.Conformance.Results;

/// <summary>What a run says about the implementation as a whole (D14, D26).</summary>
public enum SuiteVerdict
{
    /// <summary>Every applicable MUST rule passed and the evidence sufficed.</summary>
    Conformant,

    /// <summary>An applicable MUST or MUST NOT rule failed (or timed out, crashed, or failed only sometimes).</summary>
    NotConformant,

    /// <summary>Nothing failed, but a MUST rule with a check was never exercised, or a required situation or field class never occurred.</summary>
    Inconclusive,

    /// <summary>Nothing failed, but the harness itself failed on a binding rule: the run says nothing reliable.</summary>
    HarnessError,
}

/// <summary>The run's verdict with the evidence behind it: failed rules, unexercised rules, missing situations.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="FailedMust">Binding rules with a problem verdict (fail, flaky, timeout, crash).</param>
/// <param name="NotExercisedMust">Binding rules whose check no scenario exercised.</param>
/// <param name="MissingSituations">Required situations no scenario reached.</param>
/// <param name="HarnessErrors">Binding rules the harness could not judge.</param>
public sealed record SuiteClassification(
    SuiteVerdict Verdict, IReadOnlyList<string> FailedMust, IReadOnlyList<string> NotExercisedMust,
    IReadOnlyList<string> MissingSituations, IReadOnlyList<string> HarnessErrors)
{
    /// <summary>Those of <see cref="FailedMust"/> that are root causes (D23): everything but the consequences.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];

    /// <summary>Required field classes no scenario produced (the coverage gate, D26), as "field=class".</summary>
    public IReadOnlyList<string> MissingFieldClasses { get; init; } = [];

    /// <summary>The exit code of the command that made the run (D30).</summary>
    public int ExitCode => Verdict switch
    {
        SuiteVerdict.Conformant => ExitCodes.Success,
        SuiteVerdict.NotConformant => ExitCodes.Failure,
        SuiteVerdict.Inconclusive => ExitCodes.Inconclusive,
        _ => ExitCodes.HarnessError,
    };

    /// <summary>The verdict in the words every report and command prints.</summary>
    public string Headline => Verdict switch
    {
        SuiteVerdict.Conformant => "CONFORMANT",
        SuiteVerdict.NotConformant => "NOT CONFORMANT",
        SuiteVerdict.Inconclusive => "INCONCLUSIVE",
        _ => "HARNESS ERROR",
    };

    /// <summary>One or two sentences saying why, for a report or a terminal.</summary>
    public string Explanation => Verdict switch
    {
        SuiteVerdict.Conformant => "every applicable MUST and MUST NOT rule passed, each exercised, and every required situation occurred",
        SuiteVerdict.NotConformant => Roots.Count == FailedMust.Count
            ? $"{FailedMust.Count} applicable MUST / MUST NOT rule(s) did not hold, each a root cause: {string.Join(", ", FailedMust)}"
            : $"{FailedMust.Count} applicable MUST / MUST NOT rule(s) did not hold, from {Roots.Count} root cause(s): {string.Join(", ", Roots)}; " +
              $"the rest follow from them: {string.Join(", ", FailedMust.Except(Roots))}",
        SuiteVerdict.Inconclusive => string.Join("; ", new[]
        {
            NotExercisedMust.Count > 0 ? $"{NotExercisedMust.Count} MUST / MUST NOT rule(s) were never exercised: {string.Join(", ", NotExercisedMust)}" : null,
            MissingSituations.Count > 0 ? $"{MissingSituations.Count} required situation(s) never occurred: {string.Join(", ", MissingSituations)}" : null,
            MissingFieldClasses.Count > 0 ? $"{MissingFieldClasses.Count} required field class(es) never occurred: {string.Join(", ", MissingFieldClasses)}" : null,
        }.Where(s => s is not null)) + " (run more scenarios)",
        _ => $"the harness failed on {string.Join(", ", HarnessErrors)}",
    };

    /// <summary>Classifies <paramref name="result"/>: NOT CONFORMANT beats HARNESS ERROR beats INCONCLUSIVE beats CONFORMANT.</summary>
    public static SuiteClassification Of(SuiteResult result, RequirementCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(catalog);
        var binding = result.Results.Where(r => catalog.Find(r.RequirementId) is { CountsForConformance: true }).ToList();
        var failed = Ids(binding, RuleVerdict.Fail, RuleVerdict.Flaky, RuleVerdict.Timeout, RuleVerdict.Crash);
        var harness = Ids(binding, RuleVerdict.HarnessError);
        var unexercised = Ids(binding, RuleVerdict.NotExercised);
        var missing = result.MissingSituations.ToList();
        var missingFields = result.MissingFieldClasses.ToList();
        var verdict = failed.Count > 0 ? SuiteVerdict.NotConformant
            : harness.Count > 0 ? SuiteVerdict.HarnessError
            : unexercised.Count > 0 || missing.Count > 0 || missingFields.Count > 0 ? SuiteVerdict.Inconclusive
            : SuiteVerdict.Conformant;
        var consequences = binding.Where(r => r.ConsequenceOf.Count > 0).Select(r => r.RequirementId).ToHashSet();
        return new SuiteClassification(verdict, failed, unexercised, missing, harness) 
        {
            Roots = failed.Where(id => !consequences.Contains(id)).ToList(), MissingFieldClasses = missingFields,
        };
    }

    private static List<string> Ids(IEnumerable<RequirementResult> rows, params RuleVerdict[] verdicts) =>
        rows.Where(r => verdicts.Contains(r.Verdict)).Select(r => r.RequirementId).ToList();
}

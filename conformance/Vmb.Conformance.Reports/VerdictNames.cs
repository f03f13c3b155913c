using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Reports;

/// <summary>The spellings of the canonical verdicts (D13) used in every report.</summary>
public static class VerdictNames
{
    /// <summary>Report order: what needs attention first.</summary>
    public static IReadOnlyList<Verdict> Order { get; } =
        [Verdict.Fail, Verdict.Flaky, Verdict.Timeout, Verdict.Crash, Verdict.HarnessError, Verdict.Pass, Verdict.NotApplicable, Verdict.Informational, Verdict.NotExercised, Verdict.Untested];

    /// <summary>The report spelling, e.g. "not-applicable".</summary>
    public static string Format(this Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.NotApplicable => "not-applicable",
        Verdict.Informational => "informational",
        Verdict.Untested => "untested",
        Verdict.NotExercised => "not-exercised",
        Verdict.Timeout => "timeout",
        Verdict.Crash => "crash",
        Verdict.HarnessError => "harness-error",
        Verdict.Flaky => "flaky",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "not a canonical verdict"),
    };

    /// <summary>The report spelling of a run's verdict, e.g. "not-conformant".</summary>
    public static string Format(this Results.SuiteVerdict verdict) => verdict switch
    {
        Results.SuiteVerdict.Conformant => "conformant",
        Results.SuiteVerdict.NotConformant => "not-conformant",
        Results.SuiteVerdict.Inconclusive => "inconclusive",
        _ => "harness-error",
    };
}

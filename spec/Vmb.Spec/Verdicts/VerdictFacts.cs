namespace Vmb.Spec.Verdicts;

/// <summary>What a verdict means for the rule it is given on, in one place for the engine, the reports and the tests.</summary>
public static class VerdictFacts
{
    /// <summary>True for verdicts that mean the rule did not hold or could not be shown to hold on a run that was attempted.</summary>
    public static bool IsProblem(this Verdict verdict) =>
        verdict is Verdict.Fail or Verdict.Flaky or Verdict.Timeout or Verdict.Crash or Verdict.HarnessError;
}

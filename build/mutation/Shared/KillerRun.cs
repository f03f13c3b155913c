using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Mutation.Killers;

/// <summary>
/// One judged run of the conformance suite inside a killer test: a mutant is killed when the suite gives any rule a
/// problem verdict or abandons the run. Stryker runs the test once per mutant, so the run is short and a failing rule
/// is neither shrunk nor replayed much; a mutant only has to be seen, not explained.
/// </summary>
internal static class KillerRun
{
    public static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    /// <summary>Options for <paramref name="scenarios"/> scenarios of the default seed, failing fast.</summary>
    public static SuiteOptions Options(int scenarios) => new()
    {
        Scenarios = scenarios,
        FlakyReplays = 1,
        ShrinkBudget = 1,
        ShrinkTimeLimit = TimeSpan.FromSeconds(1),
        // A mutant that loops forever is abandoned here instead of waiting for Stryker's own timeout.
        WatchdogLimit = TimeSpan.FromSeconds(5),
    };

    /// <summary>Fails with every rule the suite found broken, or with why it abandoned the run.</summary>
    public static void AssertNothingBroken(SuiteResult result)
    {
        Assert.Null(result.Abandoned);
        var broken = result.Results
            .Where(r => r.Verdict is Verdict.Fail or Verdict.Flaky or Verdict.Timeout or Verdict.Crash or Verdict.HarnessError)
            .Select(r => $"{r.RequirementId}: {r.Verdict} {r.Detail}")
            .ToList();
        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }
}

using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Testee;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// A testee that stops answering, answers too slowly, or hangs before confirming its mapping is killed after the step
/// limit; the operation fails R-RING-15 with the verdict timeout (D24), and the run goes on with a fresh child.
/// Kept apart from <see cref="MisbehavingTesteeTests"/> so the two run side by side.
/// </summary>
public sealed class StalledTesteeTests : TesteeRunTests
{
    // Scenario 0 judges the writer (it writes at once), scenario 1 the reader (it never gets WRITE); one shrink, one replay.
    private static readonly SuiteOptions Two = Few with { Scenarios = 2, ShrinkBudget = 1 };
    private static readonly TesteeOptions OneSecond = TesteeHosts.Short with { StepLimit = TimeSpan.FromSeconds(1) };

    [Fact]
    public void R_RING_15_MUST_a_testee_that_stops_answering_is_killed_and_gets_a_timeout_and_the_run_goes_on()
    {
        var (result, children) = Run("--misbehave hang --on write", OneSecond, Two);
        Assert.Equal(Two.Scenarios, result.ScenariosGenerated);
        Assert.Null(result.Abandoned);
        var rule = Rule(result, "R-RING-15");
        Assert.Equal(Verdict.Timeout, rule.Verdict);
        Assert.True(rule.IsRoot);
        Assert.Contains("no answer to WRITE within 1 s", rule.Counterexample!.Message);
        Assert.Contains("(Write)", rule.Counterexample.Message);
        // The failing scenario's diagnostics travel with its counterexample.
        Assert.Contains("hanging on Write", rule.Counterexample.TraceExcerpt);
        Assert.True(children > 1);
        Assert.Equal(SuiteVerdict.NotConformant, result.Classify(Catalog).Verdict);
    }

    [Fact]
    public void An_answer_slower_than_the_step_limit_is_a_timeout()
    {
        var (result, _) = Run("--misbehave slow --delay 3000 --on write", OneSecond, Two);
        var rule = Rule(result, "R-RING-15");
        Assert.Equal(Verdict.Timeout, rule.Verdict);
        Assert.Contains("no answer to WRITE", rule.Counterexample!.Message);
    }

    [Fact]
    public void A_testee_that_hangs_before_confirming_its_mapping_leaves_no_shared_file()
    {
        var (result, _) = Run("--misbehave hang --on map", OneSecond, Two with { Scenarios = 1 });
        var rule = Rule(result, "R-RING-15");
        Assert.Equal(Verdict.Timeout, rule.Verdict);
        Assert.Contains("mapping the ring", rule.Counterexample!.Message);
    }
}

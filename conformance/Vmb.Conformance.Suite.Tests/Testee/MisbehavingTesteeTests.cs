using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Testee;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// Every way the .NET testee host can misbehave short of stalling gets its verdict (D24: a hang or an exit fails R-RING-15 as timeout or
/// crash; bytes that are not the protocol are a harness error quoting them), the run goes on with a fresh child and
/// completes, and no child process or shared file is left. Scenario counts and limits are small to keep this fast.
/// </summary>
public sealed class MisbehavingTesteeTests : TesteeRunTests
{
    [Fact]
    public void R_RING_15_MUST_a_testee_that_aborts_gets_a_crash_naming_the_step_and_the_signal()
    {
        var (result, _) = Run("--misbehave abort --on write");
        Assert.Equal(Few.Scenarios, result.ScenariosGenerated);
        var rule = Rule(result, "R-RING-15");
        Assert.Equal(Verdict.Crash, rule.Verdict);
        Assert.Matches(@"operation \d+ \(Write\)", rule.Counterexample!.Message);
        Assert.Contains("SIGABRT", rule.Counterexample.Message);
        Assert.Contains("aborting on Write", rule.Counterexample.TraceExcerpt);
        Assert.Equal(SuiteVerdict.NotConformant, result.Classify(Catalog).Verdict);
    }

    [Fact]
    public void R_RING_15_MUST_a_testee_that_segfaults_gets_a_crash_naming_the_step_and_the_signal()
    {
        var (result, _) = Run("--misbehave segfault --on read");
        Assert.Equal(Few.Scenarios, result.ScenariosGenerated);
        var rule = Rule(result, "R-RING-15");
        Assert.Equal(Verdict.Crash, rule.Verdict);
        Assert.Matches(@"operation \d+ \(Read\)", rule.Counterexample!.Message);
        Assert.Contains("SIGSEGV", rule.Counterexample.Message);
        Assert.Equal(SuiteVerdict.NotConformant, result.Classify(Catalog).Verdict);
    }

    [Fact]
    public void R_RING_15_MUST_a_testee_that_exits_early_gets_a_crash_with_its_exit_code()
    {
        var (result, _) = Run("--misbehave exit --on attach");
        var rule = Rule(result, "R-RING-15");
        Assert.Equal(Verdict.Crash, rule.Verdict);
        Assert.Contains("attaching the", rule.Counterexample!.Message);
        Assert.Contains("exited with code 3", rule.Counterexample.Message);
        // Nothing attached, so no other rule is blamed.
        Assert.DoesNotContain(result.Results, r => r.RequirementId != "R-RING-15" && r.Verdict is Verdict.Fail or Verdict.Crash or Verdict.Timeout);
    }

    [Fact]
    public void Garbage_on_the_protocol_stream_is_a_harness_error_quoting_the_bytes()
    {
        var (result, _) = Run("--misbehave garbage --on read");
        var verdict = result.Classify(Catalog);
        Assert.Equal(SuiteVerdict.HarnessError, verdict.Verdict);
        var harness = result.Results.Where(r => r.Verdict == Verdict.HarnessError).ToList();
        Assert.NotEmpty(harness);
        Assert.Contains("hello from a stray printf", harness[0].Detail);
        Assert.Contains("68 65 6c 6c", harness[0].Detail);
        Assert.DoesNotContain(result.Results, r => r.Verdict is Verdict.Crash or Verdict.Timeout);
    }

    [Fact]
    public void Stray_prints_on_stdout_and_stderr_do_not_disturb_the_protocol()
    {
        var inProcess = RingConformanceRunner.Run(new ReferenceRing(), Few with { Scenarios = 40 }, Catalog);
        var (result, children) = Run("--misbehave stray-output", suite: Few with { Scenarios = 40 });
        Assert.Equal(1, children);
        Assert.Equal(inProcess.Results.Select(r => (r.RequirementId, r.Verdict)), result.Results.Select(r => (r.RequirementId, r.Verdict)));
    }

    [Fact]
    public void A_testee_that_lies_about_its_shape_in_the_handshake_fails_the_rules_it_claimed_not_a_harness_error()
    {
        // It declares staged publication but publishes every write at once (R-RING-11): a finding about the testee.
        var (result, _) = Run("--lie capabilities", suite: Few with { Scenarios = 40 });
        Assert.NotEqual(SuiteVerdict.HarnessError, result.Classify(Catalog).Verdict);
        Assert.Equal(Verdict.Fail, Rule(result, "R-RING-11").Verdict);
        Assert.DoesNotContain(result.Results, r => r.Verdict is Verdict.HarnessError or Verdict.Crash or Verdict.Timeout);
    }

    [Fact]
    public void A_testee_announcing_another_protocol_version_fails_the_handshake()
    {
        var e = Assert.Throws<TesteeStartException>(() => TesteeRing.Start(TesteeHosts.Command("--lie version"), TesteeHosts.Short));
        Assert.Contains($"protocol version {ProtocolConstants.Version + 1}", e.Message);
    }

    [Fact]
    public void A_command_that_does_not_exist_fails_to_start_with_one_clear_message()
    {
        var e = Assert.Throws<TesteeStartException>(() => TesteeRing.Start("no-such-testee-program --flag"));
        Assert.Equal("testee command not found: no-such-testee-program", e.Message);
        Assert.Throws<TesteeStartException>(() => TesteeRing.Start("\"unterminated"));
    }
}

using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Testee;
using Vmb.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// The channel level through the testee protocol (spec/testee-protocol.md Part II) against the .NET host serving the
/// reference channel: the same verdicts as in-process for the same seed (D28), and every way a channel testee can
/// misbehave judged on R-LIFE-22 — or a harness error for bytes that are not the protocol — with nothing left behind.
/// </summary>
public sealed class ChannelTesteeTests : TesteeRunTests
{
    private static readonly TesteeOptions OneSecond = TesteeHosts.Short with { StepLimit = TimeSpan.FromSeconds(1) };

    [Theory]
    [InlineData(FramingProfile.Raw)]
    [InlineData(FramingProfile.Pipe)]
    public void The_reference_channel_through_the_protocol_gets_exactly_its_in_process_verdicts(FramingProfile profile)
    {
        var options = new SuiteOptions { Scenarios = 300, Seed = 0xD28C };
        var inProcess = ConformanceRunner.Run(new ReferenceChannelImplementation(new KmclOptions { Profile = profile }), options, Catalog);
        var (outOfProcess, children) = RunChannel($"--profile {profile.ToString().ToLowerInvariant()}", suite: options);
        Assert.Equal(1, children);
        Assert.Equal(inProcess.Implementation, outOfProcess.Implementation);
        Assert.Equal(inProcess.Results.Select(r => (r.RequirementId, r.Verdict, r.ScenariosRun, r.ScenariosExercised, r.Detail)),
            outOfProcess.Results.Select(r => (r.RequirementId, r.Verdict, r.ScenariosRun, r.ScenariosExercised, r.Detail)));
        // Through the protocol the concurrency slice runs serially (§16): its answers never race, so only the slice's own
        // figures differ; every per-rule count leaves the slice out in both.
        Assert.Equal(Serial(inProcess), Serial(outOfProcess));
        Assert.Equal(SuiteVerdict.Conformant, outOfProcess.Classify(Catalog).Verdict);
    }

    [Fact]
    public void A_channel_testee_speaking_version_2_gets_the_same_verdicts_page_by_page_with_every_up_call_replied()
    {
        // Version 3 only batches guest memory and drops the notifications' replies: a version-2 testee is judged the same.
        var options = new SuiteOptions { Scenarios = 100, Seed = 0xD28C };
        var inProcess = ConformanceRunner.Run(new ReferenceChannelImplementation(), options, Catalog);
        var (outOfProcess, children) = RunChannel("--max-version 2", suite: options);
        Assert.Equal(1, children);
        Assert.Equal(inProcess.Results.Select(r => (r.RequirementId, r.Verdict, r.ScenariosRun, r.ScenariosExercised, r.Detail)),
            outOfProcess.Results.Select(r => (r.RequirementId, r.Verdict, r.ScenariosRun, r.ScenariosExercised, r.Detail)));
    }

    private static IEnumerable<KeyValuePair<string, int>> Serial(SuiteResult result) =>
        result.GeneratorCoverage.Where(c => c.Key is not ("threads:distinct-event-orders" or "threads:answers-on-several-threads")).OrderBy(c => c.Key);

    [Fact]
    public void R_LIFE_22_MUST_a_channel_that_stops_answering_a_call_is_killed_and_gets_a_timeout_naming_the_call()
    {
        var (result, children) = RunChannel("--misbehave hang --on complete", OneSecond, Few with { Scenarios = 3, ShrinkBudget = 1 });
        var rule = Rule(result, "R-LIFE-22");
        Assert.Equal(Verdict.Timeout, rule.Verdict);
        Assert.True(rule.IsRoot);
        Assert.Contains("no answer to COMPLETE within 1 s", rule.Counterexample!.Message);
        Assert.Contains("hanging on Complete", rule.Counterexample.TraceExcerpt);
        Assert.True(children > 1);
        Assert.Equal(SuiteVerdict.NotConformant, result.Classify(Catalog).Verdict);
    }

    [Fact]
    public void R_LIFE_22_MUST_a_channel_that_dies_inside_the_doorbell_is_a_crash_naming_the_signal()
    {
        var (result, _) = RunChannel("--misbehave segfault --on signal", suite: Few with { Scenarios = 2, ShrinkBudget = 1 });
        var rule = Rule(result, "R-LIFE-22");
        Assert.Equal(Verdict.Crash, rule.Verdict);
        Assert.Contains("SIGNAL", rule.Counterexample!.Message);
        Assert.Contains("SIGSEGV", rule.Counterexample.Message);
    }

    [Fact]
    public void Bytes_that_are_not_the_protocol_are_a_harness_error_quoting_them_never_a_verdict_on_a_rule()
    {
        var (result, _) = RunChannel("--misbehave garbage --on enable", suite: Few with { Scenarios = 2, ShrinkBudget = 1 });
        Assert.All(result.Results.Where(r => r.Verdict is Verdict.Fail or Verdict.Crash or Verdict.Timeout), r => Assert.Fail($"{r.RequirementId} was judged {r.Verdict}"));
        var broken = result.Results.First(r => r.Verdict == Verdict.HarnessError);
        Assert.Contains("hello from a stray printf", broken.Detail);
    }
}

using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Tests.Broken;
using Vmb.Kmcl;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Tests.Suite;

/// <summary>The verdicts other than pass and fail (D13): timeout, crash, flaky, not applicable, untested, informational.</summary>
public class VerdictKindTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void R_LIFE_23_MUST_work_that_requeues_itself_forever_gets_one_timeout_on_that_rule_and_the_run_goes_on()
    {
        var hanging = MisbehavingImplementations.Hanging(new ReferenceChannelImplementation());
        var result = ConformanceRunner.Run(hanging, new SuiteOptions { Scenarios = 30, StepBudget = 5_000 }, Catalog);
        ScenarioCounter.Add(result.ScenariosGenerated);
        Assert.Equal(30, result.ScenariosGenerated);
        // D24: the livelock fails the rule it breaks, shrunk and replayable; no other rule is blamed for it.
        var stall = Assert.Single(result.Results, r => r.Verdict is Verdict.Timeout or Verdict.Crash or Verdict.Fail or Verdict.Flaky or Verdict.HarnessError);
        Assert.Equal("R-LIFE-23", stall.RequirementId);
        Assert.Equal(Verdict.Timeout, stall.Verdict);
        Assert.True(stall.IsRoot);
        Assert.True(ConformanceRunner.Replay(hanging, Scenarios.ScenarioJson.Parse(stall.Counterexample!.ScenarioJson), "R-LIFE-23", 5_000).Reproduced);
        Assert.Equal(SuiteVerdict.NotConformant, result.Classify(Catalog).Verdict);
    }

    [Fact]
    public void R_LIFE_22_MUST_an_implementation_that_throws_gets_one_shrunk_replayable_crash_verdict_naming_the_step()
    {
        var throwing = MisbehavingImplementations.Throwing(new ReferenceChannelImplementation());
        var result = ConformanceRunner.Run(throwing, new SuiteOptions { Scenarios = 30 }, Catalog);
        ScenarioCounter.Add(result.ScenariosGenerated);
        // D24: the crash fails the rule it breaks, and no other rule is blamed for it.
        var crash = Assert.Single(result.Results, r => r.Verdict == Verdict.Crash);
        Assert.Equal("R-LIFE-22", crash.RequirementId);
        Assert.True(crash.IsRoot);
        Assert.Matches("crashed during step [0-9]+: .*doorbell handler failed", crash.Counterexample!.Message);
        Assert.DoesNotContain(result.Results, r => r.RequirementId != "R-LIFE-22" && r.Verdict is Verdict.Fail or Verdict.Timeout or Verdict.Crash or Verdict.Flaky);
        Assert.True(ConformanceRunner.Replay(throwing, Scenarios.ScenarioJson.Parse(crash.Counterexample.ScenarioJson), "R-LIFE-22").Reproduced);
        Assert.True(crash.Counterexample.PacketCount <= 1, crash.Counterexample.ScenarioText);
        Support.ReportShows.RootsFirst(result, Catalog, ["R-LIFE-22"]);
    }

    [Fact]
    public void R_PP_9_MUST_a_failure_seen_on_only_some_replays_is_flaky()
    {
        var result = ConformanceRunner.Run(MisbehavingImplementations.SometimesBadFlags(new ReferenceChannelImplementation()),
            new SuiteOptions { Scenarios = 60, FlakyReplays = 6, OnlyIds = ["R-PP-9"] }, Catalog);
        var r = Assert.Single(result.Results);
        Assert.Equal(Verdict.Flaky, r.Verdict);
        Assert.InRange(r.Counterexample!.ReplaysFailed, 1, 5);
        Assert.Equal(Catalog.Requirements.Count - 1, result.FilteredOut.Count);
    }

    [Fact]
    public void Absent_capabilities_give_not_applicable_never_pass_and_rules_without_checks_are_untested_with_the_catalog_reason()
    {
        var bare = new DecoratedImplementation(new ReferenceChannelImplementation(), "declares-nothing", (c, _) => c);
        var declaresNothing = new Declaring(bare, bare.Info with { Capabilities = ChannelCapabilities.TransferPagesAreExternalData });
        var result = ConformanceRunner.Run(declaresNothing, new SuiteOptions { Scenarios = 100 }, Catalog);
        ScenarioCounter.Add(result.ScenariosGenerated);
        var byId = result.Results.ToDictionary(r => r.RequirementId);
        Assert.Equal(Verdict.NotApplicable, byId["R-QUO-2"].Verdict);
        Assert.Contains("TransactionQuota", byId["R-QUO-2"].Detail);
        Assert.Equal(Verdict.NotApplicable, byId["R-MIS-1"].Verdict);
        Assert.Equal(Verdict.Untested, byId["R-CMPL-3"].Verdict);
        Assert.StartsWith("not-observable: ", byId["R-CMPL-3"].Detail);
        Assert.Equal(Verdict.Informational, byId["R-FAIL-5"].Verdict);
        // 100 scenarios leave some MUST rules unexercised: no failure, but not enough evidence for CONFORMANT (D26).
        var verdict = result.Classify(Catalog);
        Assert.Empty(verdict.FailedMust);
        Assert.Contains(verdict.Verdict, new[] { SuiteVerdict.Conformant, SuiteVerdict.Inconclusive });
    }

    [Fact]
    public void The_scenario_count_can_be_raised_by_environment_variable()
    {
        var options = new SuiteOptions { Scenarios = 10 };
        Assert.Equal(50_000, options.EffectiveScenarios(name => name == SuiteOptions.ScenariosVariable ? "50000" : null));
        Assert.Equal(10, options.EffectiveScenarios(_ => "not a number"));
        Assert.Equal(10, options.EffectiveScenarios(_ => null));
    }

    private sealed class Declaring(IChannelImplementation inner, ImplementationInfo info) : IChannelImplementation
    {
        public ImplementationInfo Info => info;
        public IVmbChannel Allocate(ChannelSetup setup) => inner.Allocate(setup);
    }
}

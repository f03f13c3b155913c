using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Xunit;
using Vmb.Faulty.Faults;
using Vmb.Faulty.Rings;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// How the plug-in base class maps verdicts, seen from outside: a subclass over a broken implementation is
/// driven by hand here (it is not public, so xunit does not run its red tests on its own).
/// </summary>
public class PluginBehaviourTests
{
    private sealed class CapturingOutput : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string message) => Lines.Add(message);

        public void WriteLine(string format, params object[] args) => Lines.Add(string.Format(format, args));
    }

    private sealed class BrokenBufferTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
    {
        protected override IChannelImplementation CreateImplementation() => new BufferIncludesDescriptor(new ReferenceChannelImplementation());

        protected override SuiteOptions Options => new() { Scenarios = 40, FlakyReplays = 1, OnlyAreas = ["PP", "CTX"] };

        public ReplayOutcome ReplayFailure(string id) => Replay(Result.Results.Single(r => r.RequirementId == id).Counterexample!.ScenarioJson, id);
    }

    private sealed class OneScenarioTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
    {
        protected override IChannelImplementation CreateImplementation() => new ReferenceChannelImplementation();

        protected override SuiteOptions Options => new() { Scenarios = 1, Seed = 3 };

        public IReadOnlyList<RequirementResult> ResultRows() => Result.Results;
    }

    private sealed class SignalsAlwaysRingTests(SuiteRun run, ITestOutputHelper output) : RingConformanceTests(run, output)
    {
        protected override IRingImplementation CreateImplementation() => BrokenRing.SignalsAlways(new ReferenceRing());

        protected override SuiteOptions Options => new() { Scenarios = 300, FlakyReplays = 1, OnlyIds = ["R-SIG-1", "R-RING-2"] };

        public ReplayOutcome ReplayFailure(string id) => Replay(Result.Results.Single(r => r.RequirementId == id).Counterexample!.ScenarioJson, id);
    }

    private sealed class HangingTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
    {
        protected override IChannelImplementation CreateImplementation() => new ForgetsFirstAnswer(new ReferenceChannelImplementation());

        protected override SuiteOptions Options => new() { Scenarios = 60, FlakyReplays = 1, OnlyIds = ["R-LIFE-16"] };

        public ReplayOutcome ReplayFailure(string id) => Replay(Result.Results.Single(r => r.RequirementId == id).Counterexample!.ScenarioJson, id);
    }

    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void R_LIFE_16_a_hang_fails_its_test_as_a_timeout_and_replays_through_the_base_class()
    {
        var tests = new HangingTests(new SuiteRun(), new CapturingOutput());
        var failure = Assert.Throws<FailException>(() => tests.required_R_LIFE_16_MUST());
        Assert.StartsWith("R-LIFE-16 (MUST): ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(verdict: Timeout)", failure.Message);
        Assert.True(tests.ReplayFailure("R-LIFE-16").Reproduced);
    }

    [Fact]
    public void D26_a_MUST_rule_no_scenario_exercised_fails_its_test_and_names_the_remedy()
    {
        var tests = new OneScenarioTests(new SuiteRun(), new CapturingOutput());
        var unexercised = tests.ResultRows().First(r => r.Verdict == Spec.Verdicts.Verdict.NotExercised && Catalog.Find(r.RequirementId)!.CountsForConformance);
        var method = typeof(ChannelConformanceTests).GetMethods().Single(m => m.Name.StartsWith($"required_{unexercised.RequirementId.Replace('-', '_')}_", StringComparison.Ordinal));
        var failure = Assert.Throws<System.Reflection.TargetInvocationException>(() => method.Invoke(tests, null)).InnerException;
        Assert.IsType<FailException>(failure);
        Assert.Contains("not exercised", failure!.Message);
        Assert.Contains("raise Options.Scenarios", failure.Message);
    }

    [Fact]
    public void Ring_base_class_fails_the_broken_rule_with_a_ring_replay_line_and_passes_the_others()
    {
        var tests = new SignalsAlwaysRingTests(new SuiteRun(), new CapturingOutput());
        var failure = Assert.Throws<FailException>(() => tests.required_R_SIG_1_MUST());
        Assert.StartsWith("R-SIG-1 (MUST): ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("vmb-conformance replay --level ring --requirement R-SIG-1", failure.Message);
        tests.required_R_RING_2_MUST();
        Assert.True(tests.ReplayFailure("R-SIG-1").Reproduced);
    }

    [Fact]
    public void R_PP_5_failure_message_starts_with_ID_and_statement_then_scenario_then_replay_line()
    {
        var tests = new BrokenBufferTests(new SuiteRun(), new CapturingOutput());
        var failure = Assert.Throws<FailException>(() => tests.required_R_PP_5_MUST());
        var statement = Catalog.Find("R-PP-5")!.Statement;
        Assert.StartsWith($"R-PP-5 (MUST): {statement}", failure.Message, StringComparison.Ordinal);
        var scenario = failure.Message.IndexOf("Shrunk scenario", StringComparison.Ordinal);
        var replay = failure.Message.IndexOf("vmb-conformance replay --level channel --requirement R-PP-5", StringComparison.Ordinal);
        Assert.True(scenario > 0 && replay > scenario, failure.Message);
    }

    [Fact]
    public void Passing_rule_passes_and_not_applicable_and_filtered_rules_pass_with_the_reason_written()
    {
        var output = new CapturingOutput();
        var tests = new BrokenBufferTests(new SuiteRun(), output);
        tests.required_R_PP_3_MUST();
        Assert.Empty(output.Lines);
        tests.required_R_PP_24_MUST();
        Assert.Contains(output.Lines, l => l.StartsWith("R-PP-24 (MUST (model)): NotApplicable", StringComparison.Ordinal) && l.Contains("not counted as a pass", StringComparison.Ordinal));
        tests.required_R_LIFE_2_MUST();
        Assert.Contains(output.Lines, l => l.StartsWith("R-LIFE-2: filtered out", StringComparison.Ordinal));
    }

    [Fact]
    public void R_PP_5_counterexample_replays_against_the_class_implementation()
    {
        var tests = new BrokenBufferTests(new SuiteRun(), new CapturingOutput());
        Assert.True(tests.ReplayFailure("R-PP-5").Reproduced);
    }

    [Fact]
    public void Untested_rule_passes_when_the_catalog_records_why()
    {
        var output = new CapturingOutput();
        new BrokenBufferTests(new SuiteRun(), output).untested_R_PP_2_MUST();
        Assert.Contains(output.Lines, l => l.StartsWith("R-PP-2 (MUST): by-construction: ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_suite_runs_once_per_class_fixture()
    {
        var run = new SuiteRun();
        var calls = 0;
        var first = run.GetOrRun(() => { calls++; return Reports.SampleResults.Failing(); });
        var second = run.GetOrRun(() => { calls++; return Reports.SampleResults.Failing(); });
        Assert.Same(first, second);
        Assert.Equal(1, calls);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>
/// The engine core on several workers, over a level small enough to reason about: one scenario per index, one check
/// that fails on chosen indices. The first failure is the earliest one whichever worker met it, and a check that throws
/// on a worker's thread is the harness's failure on the caller's thread, as on one worker.
/// </summary>
public class ParallelStreamTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void D27_the_counterexample_is_the_earliest_failing_scenario_on_any_number_of_workers()
    {
        foreach (var workers in new[] { 1, 2, 3, 5 })
        {
            var result = SuiteRunner.Run(new IndexLevel(fails: i => i is 93 or 41 or 250), new SuiteOptions { Scenarios = 300, Workers = workers, FlakyReplays = 1 }, Catalog);
            var judged = Assert.Single(result.Results, r => r.RequirementId == IndexLevel.Rule);
            Assert.Equal(Verdict.Fail, judged.Verdict);
            Assert.Equal("41", judged.Counterexample!.ScenarioJson);
            Assert.Equal(300, judged.ScenariosRun);
        }
    }

    [Fact]
    public void A_check_that_throws_on_another_workers_thread_is_a_harness_error_for_the_caller()
    {
        var level = new IndexLevel(fails: _ => false, throwsOn: 200);
        var error = Assert.Throws<HarnessException>(() => SuiteRunner.Run(level, new SuiteOptions { Scenarios = 300, Workers = 3 }, Catalog));
        Assert.Contains("scenario 200", error.Message);
    }

    private sealed record IndexScenario(int Index);

    private sealed class IndexLevel(Func<int, bool> fails, int throwsOn = -1) : Level<IndexScenario, IndexScenario>
    {
        public const string Rule = "R-PP-1";

        public override string Name => "index";
        public override ImplementationInfo Implementation { get; } = new("index-level", "1", FramingProfile.Raw, ChannelCapabilities.None);
        public override IReadOnlyList<ICheck<IndexScenario>> Checks => [new IndexCheck(fails, throwsOn)];
        public override IReadOnlyList<string> RequiredSituations => [];
        public override bool DrivesInParallel => true;
        public override IndexScenario Generate(ScenarioSeed seed) => new(seed.Index);
        public override IndexScenario Drive(IndexScenario scenario, SuiteOptions options) => scenario;
        public override IndexScenario ScenarioOf(IndexScenario run) => run;
        public override RunEnd EndOf(IndexScenario run) => RunEnd.Completed;
        public override IEnumerable<IndexScenario> Shrink(IndexScenario scenario) => [];
        public override IEnumerable<string> Situations(IndexScenario run) => [];
        public override string Describe(IndexScenario scenario) => $"scenario {scenario.Index}";
        public override string ToJson(IndexScenario scenario) => $"{scenario.Index}";
        public override IndexScenario FromJson(string json) => new(int.Parse(json, System.Globalization.CultureInfo.InvariantCulture));
        public override int Size(IndexScenario scenario) => 1;
        public override string Excerpt(IndexScenario run, int? at) => "";
    }

    private sealed class IndexCheck(Func<int, bool> fails, int throwsOn) : ICheck<IndexScenario>
    {
        public string RequirementId => IndexLevel.Rule;
        public bool IsInformational => false;
        public bool Judges(IndexScenario run) => true;

        public CheckOutcome Evaluate(IndexScenario run) =>
            run.Index == throwsOn ? throw new InvalidOperationException($"scenario {run.Index}")
            : fails(run.Index) ? CheckOutcome.Fail($"scenario {run.Index} fails", 0) : CheckOutcome.Pass;
    }
}

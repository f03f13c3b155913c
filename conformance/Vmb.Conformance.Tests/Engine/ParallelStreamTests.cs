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

    [Fact]
    public void A_scenario_that_races_threads_is_driven_while_no_other_worker_generates_drives_or_judges()
    {
        var activity = new Activity();
        var level = new IndexLevel(fails: _ => false, races: i => i % 10 == 3, activity: activity);
        SuiteRunner.Run(level, new SuiteOptions { Scenarios = 200, Workers = 3, FlakyReplays = 1 }, Catalog);
        Assert.Equal(20, activity.RacingDrives);
        Assert.Equal(0, activity.RacingDrivesInCompany);
        // The other scenarios still went side by side.
        Assert.True(activity.MostAtOnce > 1, $"at most {activity.MostAtOnce} scenario(s) at once");
    }

    [Fact]
    public void A_racing_scenario_that_hangs_stops_the_run_at_it_and_the_workers_waiting_for_the_gate_still_finish()
    {
        using var release = new ManualResetEventSlim();
        var level = new IndexLevel(fails: _ => false, races: i => i == 5, hangs: (5, release));
        var result = SuiteRunner.Run(level, new SuiteOptions { Scenarios = 200, Workers = 3, WatchdogLimit = TimeSpan.FromMilliseconds(300) }, Catalog);
        release.Set();
        // The other workers waited for the gate, beating, and went on once the stream stopped: the run is the prefix one
        // worker would have judged, ending at the hung scenario.
        Assert.Equal(6, result.ScenariosGenerated);
        Assert.Contains("scenario 5", result.Abandoned);
    }

    // Counts the level's work in progress on every worker, and what a racing drive saw around it.
    private sealed class Activity
    {
        private int _now;
        private int _most;
        private int _racing;
        private int _inCompany;

        public int MostAtOnce => Volatile.Read(ref _most);
        public int RacingDrives => Volatile.Read(ref _racing);
        public int RacingDrivesInCompany => Volatile.Read(ref _inCompany);

        public void Work(bool racing)
        {
            var now = Interlocked.Increment(ref _now);
            for (var most = Volatile.Read(ref _most); now > most; most = Volatile.Read(ref _most))
                if (Interlocked.CompareExchange(ref _most, now, most) == most) break;
            try
            {
                if (!racing)
                {
                    Thread.Sleep(1);
                    return;
                }
                Interlocked.Increment(ref _racing);
                // Long enough for another worker to start something, were it allowed to.
                for (var i = 0; i < 5; i++)
                {
                    if (Volatile.Read(ref _now) != 1) Interlocked.Increment(ref _inCompany);
                    Thread.Sleep(1);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }

    private sealed record IndexScenario(int Index);

    private sealed class IndexLevel(
        Func<int, bool> fails, int throwsOn = -1, Func<int, bool>? races = null, Activity? activity = null, (int Index, ManualResetEventSlim Release)? hangs = null)
        : Level<IndexScenario, IndexScenario>
    {
        public const string Rule = "R-PP-1";

        public override string Name => "index";
        public override ImplementationInfo Implementation { get; } = new("index-level", "1", FramingProfile.Raw, ChannelCapabilities.None);
        public override IReadOnlyList<ICheck<IndexScenario>> Checks => [new IndexCheck(fails, throwsOn, activity)];
        public override IReadOnlyList<string> RequiredSituations => [];
        public override bool DrivesInParallel => true;
        public override bool RacesThreads(IndexScenario scenario) => races?.Invoke(scenario.Index) ?? false;

        public override IndexScenario Generate(ScenarioSeed seed)
        {
            activity?.Work(racing: false);
            return new(seed.Index);
        }

        public override IndexScenario Drive(IndexScenario scenario, SuiteOptions options)
        {
            activity?.Work(RacesThreads(scenario));
            if (hangs is { } hang && hang.Index == scenario.Index) hang.Release.Wait();
            return scenario;
        }
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

    private sealed class IndexCheck(Func<int, bool> fails, int throwsOn, Activity? activity) : ICheck<IndexScenario>
    {
        public string RequirementId => IndexLevel.Rule;
        public bool IsInformational => false;
        public bool Judges(IndexScenario run) => true;

        public CheckOutcome Evaluate(IndexScenario run)
        {
            activity?.Work(racing: false);
            return run.Index == throwsOn ? throw new InvalidOperationException($"scenario {run.Index}")
                : fails(run.Index) ? CheckOutcome.Fail($"scenario {run.Index} fails", 0) : CheckOutcome.Pass;
        }
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Suite;

/// <summary>
/// The core's wall-clock watchdog: an in-process implementation that never returns is reported once as a timeout,
/// the run stops there instead of hanging, and the report points to running it out of process (D24). The limits are
/// options, so these tests use short ones.
/// </summary>
public class WatchdogTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void A_ring_that_never_returns_is_reported_once_as_a_timeout_and_the_run_stops()
    {
        using var release = new ManualResetEventSlim();
        var options = new SuiteOptions { Scenarios = 50, WatchdogLimit = TimeSpan.FromMilliseconds(300) };
        var result = SuiteRunner.Run(new RingLevel(new HangingRing(new ReferenceRing(), release)), options, Catalog);
        release.Set();
        Assert.Equal(1, result.ScenariosGenerated);
        Assert.Contains("did not return within 300 ms", result.Abandoned);
        Assert.Contains("out of process", result.Abandoned);
        Assert.All(result.Results, r => Assert.Equal(Verdict.Timeout, r.Verdict));
        Assert.Equal(SuiteVerdict.NotConformant, result.Classify(Catalog).Verdict);
    }

    [Fact]
    public void A_hang_on_several_workers_stops_the_run_where_one_worker_would_have_stopped()
    {
        using var release = new ManualResetEventSlim();
        var options = new SuiteOptions { Scenarios = 100, WatchdogLimit = TimeSpan.FromMilliseconds(300), Workers = 3 };
        var result = SuiteRunner.Run(new RingLevel(new HangingRing(new ReferenceRing(), release)), options, Catalog);
        release.Set();
        // Every worker hangs on its first scenario; the run ends at scenario 0, as on one worker.
        Assert.Equal(1, result.ScenariosGenerated);
        Assert.Contains("scenario 0 of seed", result.Abandoned);
        Assert.All(result.Results, r => Assert.Equal(Verdict.Timeout, r.Verdict));
    }

    [Fact]
    public void A_hang_in_a_corpus_run_names_the_corpus_scenario_it_hung_in()
    {
        using var release = new ManualResetEventSlim();
        var level = new RingLevel(new ReferenceRing());
        var lines = Enumerable.Range(0, 3).Select(i => level.ToJson(level.Generate(ScenarioSeed.For(5, i)))).ToList();
        var options = new SuiteOptions { Scenarios = 7, WatchdogLimit = TimeSpan.FromMilliseconds(300), Corpus = new ScenarioCorpus("three.jsonl", lines) };
        var result = SuiteRunner.Run(new RingLevel(new HangingRing(new ReferenceRing(), release)), options, Catalog);
        release.Set();
        Assert.Contains("scenario 0 (scenario 1 of the corpus three.jsonl) did not return", result.Abandoned);
        Assert.Contains(lines[0], result.Abandoned);
    }

    [Fact]
    public void R_RING_15_MUST_a_ring_that_throws_gets_one_crash_verdict_naming_the_exception()
    {
        var result = SuiteRunner.Run(new RingLevel(new ThrowingRing(new ReferenceRing())), new SuiteOptions { Scenarios = 20 }, Catalog);
        var crash = Assert.Single(result.Results, r => r.Verdict == Verdict.Crash);
        Assert.Equal("R-RING-15", crash.RequirementId);
        Assert.True(crash.IsRoot, $"R-RING-15 reported as a consequence of {string.Join(", ", crash.ConsequenceOf)}");
        Assert.Contains("exploded", crash.Counterexample!.Message, StringComparison.Ordinal);
        // Nothing else is blamed, and nothing else passes: no other check saw a ring it could judge (D26). The one
        // exception is R-RING-13, whose subject is how attaching to a corrupt ring fails: with a format error, not this.
        Assert.All(result.Results.Where(r => r != crash && r.RequirementId != "R-RING-13"), r => Assert.Equal(Verdict.NotExercised, r.Verdict));
    }

    [Fact]
    public void The_watchdog_returns_results_and_rethrows_exceptions_of_work_that_finishes_in_time()
    {
        using var watchdog = new Watchdog(TimeSpan.FromSeconds(5));
        Assert.True(watchdog.TryRun(() => 42, out var answer));
        Assert.Equal(42, answer);
        Assert.Throws<InvalidOperationException>(() => watchdog.TryRun<int>(() => throw new InvalidOperationException("boom"), out _));
        Assert.False(watchdog.Abandoned);
    }

    [Fact]
    public void A_run_longer_than_the_limit_is_not_a_hang_when_every_scenario_returns_in_time()
    {
        // The limit is per scenario (a heartbeat each), not per run: 12 scenarios of 100 ms outlast a 1 s limit together.
        var options = new SuiteOptions { Scenarios = 12, WatchdogLimit = TimeSpan.FromSeconds(1), OnlyIds = ["R-RING-2"] };
        var result = SuiteRunner.Run(new RingLevel(new SlowRing(new ReferenceRing(), TimeSpan.FromMilliseconds(100))), options, Catalog);
        Assert.Null(result.Abandoned);
        Assert.Equal(12, result.ScenariosGenerated);
        Assert.Equal(Verdict.Pass, Assert.Single(result.Results).Verdict);
    }

    [Fact]
    public void A_limit_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Watchdog(TimeSpan.Zero));

    /// <summary>The writer blocks until the test releases it, so the abandoned worker does not spin for the rest of the test run.</summary>
    private sealed class HangingRing(IRingImplementation inner, ManualResetEventSlim release) : IRingImplementation
    {
        public string Name => "hanging-ring";
        public string Version => inner.Version;
        public RingCapabilities WriterCapabilities => inner.WriterCapabilities;
        public RingCapabilities ReaderCapabilities => inner.ReaderCapabilities;
        public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) { release.Wait(); return inner.CreateWriter(ring, initialize, signalReader); }
        public IRingReader CreateReader(MemoryRegion ring, Action signalWriter) { release.Wait(); return inner.CreateReader(ring, signalWriter); }
    }

    private sealed class SlowRing(IRingImplementation inner, TimeSpan delay) : IRingImplementation
    {
        public string Name => "slow-ring";
        public string Version => inner.Version;
        public RingCapabilities WriterCapabilities => inner.WriterCapabilities;
        public RingCapabilities ReaderCapabilities => inner.ReaderCapabilities;
        public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) { Thread.Sleep(delay); return inner.CreateWriter(ring, initialize, signalReader); }
        public IRingReader CreateReader(MemoryRegion ring, Action signalWriter) { Thread.Sleep(delay); return inner.CreateReader(ring, signalWriter); }
    }

    private sealed class ThrowingRing(IRingImplementation inner) : IRingImplementation
    {
        public string Name => "throwing-ring";
        public string Version => inner.Version;
        public RingCapabilities WriterCapabilities => inner.WriterCapabilities;
        public RingCapabilities ReaderCapabilities => inner.ReaderCapabilities;
        public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) => throw new InvalidOperationException("writer exploded");
        public IRingReader CreateReader(MemoryRegion ring, Action signalWriter) => throw new InvalidOperationException("reader exploded");
    }
}

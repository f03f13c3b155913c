using Vmb.Conformance.Engine;
using Vmb.Conformance.Rings;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>
/// The probe's mutator on the harness's thread (D15, errata E-34) for a remote reader, driven by a session that plays
/// the waits: it switches the bytes while the harness waits, counts only switches made beside a reader at work on the
/// request, stores nothing outside a wait, and goes on with a mutator thread when the reads do not race; and the driver
/// gives it to a remote session whose waits can work, and takes it back.
/// </summary>
public sealed class WaitingMutatorTests : IDisposable
{
    private const int DataSize = 8192;
    private readonly NativeBuffer _data = new(DataSize);
    private readonly FakeSession _session = new();
    private readonly SwitchedPacket[] _packets;

    public WaitingMutatorTests()
    {
        var probe = RingLevel.ScenarioAt(ScenarioSeed.For(7, ProbeScenarios.Offset));
        _packets = [SwitchedPacket.Build(probe.Ops.First(o => o.Kind == RingOpKind.Write), 64, DataSize)];
    }

    public void Dispose() => _data.Dispose();

    // The harness's looks a microsecond apart, however slowly the test runs.
    private long _now;

    private long Clock() => _now += System.Diagnostics.Stopwatch.Frequency / 1_000_000;

    [Fact]
    public void R_MAL_10_MUST_a_remote_reader_is_raced_by_the_harness_thread_while_it_waits_and_only_switches_beside_it_count()
    {
        using var mutator = WaitingMutator.TryStart(_session, _data.Region, 5, Clock)!;
        Assert.NotNull(mutator);
        mutator.Arm(_packets);
        Assert.Equal(0ul, HeadWord()); // arming stores nothing: only a wait does
        Assert.True(_session.Look(readerAtWork: false)); // the request not taken yet: the bytes move, uncounted
        Assert.Equal(0, mutator.Switches);
        Assert.Equal(_packets[0].HeadWord(whole: true), HeadWord()); // a pass ends on the whole version
        Assert.True(_session.Look(readerAtWork: true)); // the reader took it while the harness looked on: a race
        Assert.True(_session.Look(readerAtWork: true));
        Assert.Equal(4, mutator.Switches);
        mutator.Release();
        _data.Region.Span.Clear();
        Assert.False(_session.Look(readerAtWork: true)); // released: nothing to do, the wait idles and stores nothing
        Assert.Equal(0ul, HeadWord());
        Assert.Equal(4, mutator.Switches);
        Assert.False(mutator.FellBack);
    }

    [Fact]
    public void R_MAL_10_MUST_a_read_whose_request_was_taken_before_the_harness_looked_did_not_race()
    {
        using var mutator = WaitingMutator.TryStart(_session, _data.Region, 5, Clock)!;
        mutator.Arm(_packets);
        Assert.True(_session.Look(readerAtWork: true)); // taken already at the first look: the two may share a core
        Assert.True(_session.Look(readerAtWork: true));
        Assert.Equal(0, mutator.Switches);
    }

    [Fact]
    public void R_MAL_10_MUST_a_read_whose_request_was_taken_while_the_harness_was_off_its_core_did_not_race()
    {
        using var mutator = WaitingMutator.TryStart(_session, _data.Region, 5, Clock)!;
        mutator.Arm(_packets);
        Assert.True(_session.Look(readerAtWork: false));
        _now += System.Diagnostics.Stopwatch.Frequency / 1_000; // a millisecond away: the reader took the request meanwhile
        Assert.True(_session.Look(readerAtWork: true));
        Assert.True(_session.Look(readerAtWork: true)); // looking on without a pause now proves nothing about that read
        Assert.Equal(0, mutator.Switches);
    }

    [Fact]
    public void R_MAL_10_MUST_a_probe_whose_reads_do_not_race_goes_on_with_a_mutator_thread_and_the_harness_stops_switching()
    {
        using var mutator = WaitingMutator.TryStart(_session, _data.Region, 5, Clock)!;
        for (var read = 0; read < WaitingMutator.ReadsBeforeFallback; read++)
        {
            if (read % 2 == 0) mutator.Arm(_packets); else mutator.AwaitSwitching();
            _session.Look(readerAtWork: true);
        }
        Assert.False(mutator.FellBack);
        mutator.AwaitSwitching();
        Assert.True(mutator.FellBack);
        Assert.Null(_session.Work);
        var before = mutator.Switches;
        SpinWait.SpinUntil(() => mutator.Switches > before, TimeSpan.FromSeconds(10));
        Assert.True(mutator.Switches > before, "the mutator thread switches the armed packets");
        mutator.Release();
    }

    [Fact]
    public void R_MAL_10_MUST_a_probe_whose_reads_race_keeps_switching_on_the_harness_thread()
    {
        using var mutator = WaitingMutator.TryStart(_session, _data.Region, 5, Clock)!;
        for (var read = 0; read < 4 * WaitingMutator.ReadsBeforeFallback; read++)
        {
            if (read % 2 == 0) mutator.Arm(_packets); else mutator.AwaitSwitching();
            _session.Look(readerAtWork: false);
            _session.Look(readerAtWork: true);
        }
        Assert.False(mutator.FellBack);
        Assert.NotNull(_session.Work);
    }

    [Fact]
    public void A_session_whose_waits_cannot_work_gets_no_waiting_mutator()
    {
        Assert.Null(WaitingMutator.TryStart(new FakeSession { Refuses = true }, _data.Region, 5));
    }

    [Fact]
    public void R_MAL_10_MUST_the_driver_gives_a_remote_session_that_can_wait_working_the_probe_mutator_and_takes_it_back()
    {
        var remote = new LendingRing();
        var probe = RingLevel.ScenarioAt(ScenarioSeed.For(7, ProbeScenarios.Offset));
        var run = RingDriver.Run(remote, probe);
        Assert.NotEmpty(run.Steps);
        // The waiting mutator is given before the first read. The reference reads on this thread, so no wait ever runs
        // it and no read races it: after 12 reads the probe goes on with a mutator thread and takes the work back, and
        // once more when the probe ends, so no work is left for the next scenario's waits.
        Assert.Equal([true, false, false], remote.Hooks.Select(h => h is not null));
        Assert.True(run.Steps.Count(s => s.Op.Kind == RingOpKind.Read) > WaitingMutator.ReadsBeforeFallback);
    }

    // A remote ring that is the reference in this process, lending native memory through a session whose waits can work.
    private sealed class LendingRing : IRemoteRing
    {
        private readonly Vmb.Ring.ReferenceRing _inner = new();

        public List<Func<bool, bool>?> Hooks { get; } = [];

        public string Name => _inner.Name;
        public string Version => _inner.Version;
        public Vmb.Spec.Spi.RingCapabilities WriterCapabilities => _inner.WriterCapabilities;
        public Vmb.Spec.Spi.RingCapabilities ReaderCapabilities => _inner.ReaderCapabilities;
        public Vmb.Spec.Spi.IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) => _inner.CreateWriter(ring, initialize, signalReader);
        public Vmb.Spec.Spi.IRingReader CreateReader(MemoryRegion ring, Action signalWriter) => _inner.CreateReader(ring, signalWriter);
        public IRingSession Open(int regionSize) => new Session(new NativeBuffer(regionSize), Hooks);

        private sealed class Session(NativeBuffer memory, List<Func<bool, bool>?> hooks) : IWaitingRingSession
        {
            public MemoryRegion Region => memory.Region;
            public string? Diagnostics => null;

            public bool WorkWhileWaiting(Func<bool, bool>? work)
            {
                hooks.Add(work);
                return true;
            }

            public void Dispose() => memory.Dispose();
        }
    }

    private ulong HeadWord() => BitConverter.ToUInt64(_data.Region.Span.Slice(_packets[0].At, 8));

    private sealed class FakeSession : IWaitingRingSession
    {
        public Func<bool, bool>? Work { get; private set; }

        public bool Refuses { get; init; }

        public MemoryRegion Region => default;

        public string? Diagnostics => null;

        public bool WorkWhileWaiting(Func<bool, bool>? work)
        {
            if (Refuses) return false;
            Work = work;
            return true;
        }

        // One look of a wait that finds no answer yet: the work it does between looks.
        public bool Look(bool readerAtWork) => Work!(readerAtWork);

        public void Dispose() { }
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Rings;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>
/// The probe's mutator on the harness's thread (D15, errata E-34) for a remote reader, driven by a session that plays
/// the waits: it switches the bytes while the harness waits, counts only switches made beside a reader at work on the
/// request, stores nothing outside a wait, and goes on with a mutator thread when the reads do not race.
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
        Assert.True(_session.Look(readerAtWork: false)); // the request not taken yet: the bytes move, uncounted
        Assert.Equal(0, mutator.Switches);
        Assert.True(_session.Look(readerAtWork: true)); // the reader took it while the harness looked on: a race
        Assert.True(_session.Look(readerAtWork: true));
        Assert.Equal(4, mutator.Switches);
        var word = HeadWord();
        Assert.True(word == _packets[0].HeadWord(whole: true) || word == _packets[0].HeadWord(whole: false));
        mutator.Release();
        Assert.False(_session.Look(readerAtWork: true)); // released: nothing to do, the wait idles
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

    private ulong HeadWord() => BitConverter.ToUInt64(_data.Region.Span.Slice(_packets[0].At, 8));

    private sealed class FakeSession : IRingSession
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

using System.Diagnostics;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Rings;

/// <summary>
/// The mutator of a probe (D15) for a remote reader: the harness's own thread makes <see cref="VersionSwitcher.Pass"/>es
/// while it waits for the reader's answer, between its looks at the answer (<see cref="IWaitingRingSession.WorkWhileWaiting"/>).
/// The reader is another process on another core, so the bytes move under it as under a reader racing a mutator
/// thread in-process, with no third thread competing for the cores: on a machine with two, a spinning mutator thread
/// took turns with the reader and the harness, and reads waited a whole scheduler time slice. A read counts the
/// switches as raced only when the harness saw the reader take the request while it ran itself, and only while it kept
/// running: so a read raced them only if both ran at once. When too few reads race that way (a busy machine that runs
/// harness and reader on one core), the probe goes on with a <see cref="MutatorThread"/>, as for an implementation in
/// the harness's own process. Nothing stores outside a read's wait until then, so letting go costs nothing.
/// </summary>
internal sealed class WaitingMutator : IProbeMutator
{
    // Switches count only this soon after the reader took the request, and only while the harness's looks follow each
    // other this closely: a reader still at work later, or a harness that was off its core meanwhile, proves no race.
    private static readonly long RacingTicks = Stopwatch.Frequency / 5_000; // 200 µs
    private static readonly long GapTicks = Stopwatch.Frequency / 50_000; // 20 µs

    /// <summary>Reads after which a probe whose reads raced less than half the time goes on with a mutator thread.</summary>
    public const int ReadsBeforeFallback = 12;

    private readonly IWaitingRingSession _session;
    private readonly MemoryRegion _dataArea;
    private readonly ulong _seed;
    private readonly VersionSwitcher _switcher;
    private readonly Func<long> _clock;
    private MutatorThread? _fallback;
    private SwitchedPacket[]? _target;
    private int _reads, _racedReads;
    private long _lastLook, _racingSince;
    private bool _sawUntaken, _raced;

    private WaitingMutator(IWaitingRingSession session, MemoryRegion dataArea, ulong seed, Func<long> clock)
    {
        _session = session;
        _dataArea = dataArea;
        _seed = seed;
        _clock = clock;
        _switcher = new VersionSwitcher(dataArea, seed);
    }

    /// <summary>
    /// A mutator on the harness's thread while <paramref name="session"/> waits, or null when its waits cannot run one;
    /// <paramref name="clock"/> (in <see cref="Stopwatch"/> ticks) times the harness's looks.
    /// </summary>
    public static WaitingMutator? TryStart(IWaitingRingSession session, MemoryRegion dataArea, ulong seed, Func<long>? clock = null)
    {
        var mutator = new WaitingMutator(session, dataArea, seed, clock ?? Stopwatch.GetTimestamp);
        return session.WorkWhileWaiting(mutator.Step) ? mutator : null;
    }

    /// <summary>True once the probe went on with a mutator thread.</summary>
    public bool FellBack => _fallback is not null;

    /// <inheritdoc />
    public long Switches => _switcher.Switches + (_fallback?.Switches ?? 0);

    /// <inheritdoc />
    public void Arm(SwitchedPacket[] packets)
    {
        _target = packets;
        BeginRead();
        _fallback?.Arm(packets);
    }

    /// <inheritdoc />
    public void AwaitSwitching()
    {
        if (BeginRead() && _target is { } packets) _fallback!.Arm(packets);
        else _fallback?.AwaitSwitching();
    }

    /// <inheritdoc />
    public void Release()
    {
        _target = null;
        _fallback?.Release();
    }

    /// <inheritdoc />
    public void LetGo(int offset, int length) => _fallback?.LetGo(offset, length);

    public void Dispose()
    {
        _session.WorkWhileWaiting(null);
        _fallback?.Dispose();
    }

    // Counts the read that ended and starts the next; true when the probe goes on with a mutator thread from this read on.
    // Called after Arm has set the target, so the read about to start counts when it has something to switch.
    private bool BeginRead()
    {
        var ended = _reads;
        if (_raced) _racedReads++;
        if (_target is not null) _reads++; // a read with nothing switched cannot race
        _raced = _sawUntaken = false;
        _lastLook = _racingSince = 0;
        if (_fallback is not null || ended < ReadsBeforeFallback || 2 * _racedReads >= ended) return false;
        _session.WorkWhileWaiting(null);
        _fallback = new MutatorThread(_dataArea, _seed);
        return true;
    }

    // One pass while armed, from the request on, so the bytes are already moving when the reader starts. False when there
    // is nothing to switch: the waiting side then idles as it otherwise would.
    private bool Step(bool readerAtWork)
    {
        if (_target is not { } packets || _fallback is not null) return false;
        var now = _clock();
        var unbroken = _lastLook != 0 && now - _lastLook < GapTicks;
        _lastLook = now;
        // The first look that finds the reader at work decides: it races only if the look before found the request not
        // yet taken and the harness did not leave its core in between.
        if (!readerAtWork) _sawUntaken = true;
        else if (_racingSince == 0) _racingSince = _sawUntaken && unbroken ? now : -1;
        var counted = readerAtWork && _racingSince > 0 && unbroken && now - _racingSince < RacingTicks;
        if (readerAtWork && _racingSince > 0 && !unbroken) _racingSince = -1; // off its core meanwhile: no more racing in this read
        _raced |= counted;
        _switcher.Pass(packets, counted);
        return true;
    }
}

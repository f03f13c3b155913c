using System.Diagnostics;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Rings;

/// <summary>
/// The mutator of a probe (D15) on a thread of its own, wherever the harness's waits cannot do the switching (a reader
/// on the harness's own thread, a testee on the pipes, the <see cref="WaitingMutator"/>'s fall-back): while
/// armed it makes <see cref="VersionSwitcher.Pass"/> after pass. Arming waits briefly until the thread runs, so the
/// reader starts while the bytes are moving; over a whole probe it waits at most <see cref="ArmBudget"/>, so a machine
/// too busy to run both threads at once makes rounds without a race rather than a slow run. Releasing does not wait; the
/// harness waits (<see cref="LetGo"/>) only before it writes over a word the thread may still store to, and disposing
/// waits for the thread to end before the ring goes away.
/// </summary>
internal sealed class MutatorThread : IProbeMutator
{
    /// <summary>The most a probe waits, over all its rounds, for the thread to be switching when a read starts.</summary>
    public static readonly TimeSpan ArmBudget = TimeSpan.FromMilliseconds(4);

    private readonly VersionSwitcher _switcher;
    private readonly Thread _thread;
    private readonly Stopwatch _waited = new();
    private volatile SwitchedPacket[]? _target;
    private volatile SwitchedPacket[]? _running;
    private volatile bool _stop;

    /// <summary>Starts the thread over <paramref name="dataArea"/>, idle until armed.</summary>
    public MutatorThread(MemoryRegion dataArea, ulong seed)
    {
        _switcher = new VersionSwitcher(dataArea, seed);
        _thread = new Thread(Loop) { IsBackground = true, Name = "vmb ring mutator" };
        _thread.Start();
    }

    /// <summary>Starts switching the versions of <paramref name="packets"/>; returns once the thread is switching them, or when the probe's waiting budget is spent.</summary>
    public void Arm(SwitchedPacket[] packets)
    {
        _target = packets;
        AwaitSwitching();
    }

    /// <summary>Returns once the thread has switched the armed versions since the call (it runs right now), or when the probe's waiting budget is spent.</summary>
    public void AwaitSwitching()
    {
        if (_target is not { } packets) return;
        var from = Switches;
        _waited.Start();
        var spin = new SpinWait();
        while ((_running != packets || Switches - from < 2) && _waited.Elapsed < ArmBudget) spin.SpinOnce(sleep1Threshold: -1);
        _waited.Stop();
    }

    /// <inheritdoc />
    public long Switches => _switcher.Switches;

    /// <summary>Stops switching; the thread lets go of the packets when it next runs (see <see cref="LetGo"/>).</summary>
    public void Release() => _target = null;

    /// <summary>
    /// Returns once the thread no longer stores into a released packet whose switched words lie in the
    /// <paramref name="length"/> bytes at <paramref name="offset"/>, which the harness is about to write; at once when none
    /// does. The packets the thread may still store into are the ones it announced last (it announces before its first
    /// store and looks at its target again before each one), however many arms ago they were released.
    /// </summary>
    public void LetGo(int offset, int length)
    {
        var spin = new SpinWait();
        while (_running is { } held && held != _target && held.Any(p => _switcher.Touches(p, offset, length)))
            spin.SpinOnce(sleep1Threshold: -1);
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        while (!_stop)
        {
            var packets = _target;
            _running = packets;
            if (packets is null)
            {
                // Spinning, never yielding: a thread that gave its core away is late for the reads it should race.
                Thread.SpinWait(1);
                continue;
            }
            while (!_stop && _target == packets) _switcher.Pass(packets);
        }
    }
}

using System.Diagnostics;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Rings;

/// <summary>
/// The mutator of a probe (D15) on a real thread: while armed with published <see cref="SwitchedPacket"/>s it stores
/// every split version's first descriptor word and last trailer, dwells, stores the whole versions', dwells, and so on;
/// each word is one aligned 8-byte store, so no reader sees a torn word, and <see cref="Switches"/> counts them, so the
/// driver can tell a read that raced the thread from one that did not. Arming waits briefly until the thread runs, so
/// the reader starts while the bytes are moving; over a whole probe it waits at most <see cref="ArmBudget"/>, so a
/// machine too busy to run both threads at once makes rounds without a race rather than a slow run. Releasing does not
/// wait; the harness waits (<see cref="LetGo"/>) only before it writes over a word the thread may still store to, and
/// disposing waits for the thread to end before the ring goes away. It records nothing: the driver records what the
/// reader returned and how many switches the read saw, the checks judge it.
/// </summary>
internal sealed unsafe class MutatorThread : IDisposable
{
    /// <summary>The most a probe waits, over all its rounds, for the thread to be switching when a read starts.</summary>
    public static readonly TimeSpan ArmBudget = TimeSpan.FromMilliseconds(4);

    private readonly MemoryRegion _data;
    private readonly Thread _thread;
    private readonly Stopwatch _waited = new();
    private ulong _state;
    private volatile SwitchedPacket[]? _target;
    private volatile SwitchedPacket[]? _running;
    private long _switches;
    private volatile bool _stop;

    /// <summary>Starts the thread over <paramref name="dataArea"/>, idle until armed.</summary>
    public MutatorThread(MemoryRegion dataArea, ulong seed)
    {
        _data = dataArea;
        _state = seed | 1;
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

    /// <summary>Version switches made so far.</summary>
    public long Switches => Interlocked.Read(ref _switches);

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
        while (_running is { } held && held != _target && held.Any(p => Within(p.At, offset, length) || Within(p.TrailerAt(_data.Length), offset, length)))
            spin.SpinOnce(sleep1Threshold: -1);
    }

    private bool Within(int word, int offset, int length) => (word - offset + _data.Length) % _data.Length < length;

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
            while (!_stop && _target == packets)
            {
                foreach (var packet in packets) Store(packet, whole: false);
                Interlocked.Increment(ref _switches);
                Thread.SpinWait(Dwell());
                foreach (var packet in packets) Store(packet, whole: true);
                Interlocked.Increment(ref _switches);
                Thread.SpinWait(Dwell());
            }
        }
    }

    private void Store(SwitchedPacket packet, bool whole)
    {
        var size = _data.Length;
        Volatile.Write(ref *(ulong*)(_data.Address + packet.At), packet.HeadWord(whole));
        Volatile.Write(ref *(ulong*)(_data.Address + packet.TrailerAt(size)), packet.TrailerWord(whole, size));
    }

    // Seeded dwell times (xorshift64), zero or one spin: the versions change as often as the stores allow.
    private int Dwell()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return (int)(_state % 2);
    }
}

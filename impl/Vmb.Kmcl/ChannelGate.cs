using System.Runtime.CompilerServices;

namespace Vmb.Kmcl;

/// <summary>
/// The channel's lock. Uncontended, entering is one compare-and-swap and leaving one release store;
/// <see cref="Lock"/> also makes leaving atomic and reads the thread's id both ways, which on the drain's path
/// (one critical section per packet) cost as much as the rest of the channel's own work. Contended, it spins
/// and yields: critical sections are short and never wait for anything.
/// </summary>
/// <remarks>
/// Not reentrant, and the channel never needs it to be: no client code, no callback and no work item runs
/// while it is held (work is only queued). Entering it again on the same thread throws rather than spinning
/// for ever, so a host that re-entered the channel from inside one of its calls fails loudly.
/// </remarks>
internal sealed class ChannelGate
{
    private int _held;
    private int _owner; // the holder's thread id, for telling re-entry from contention; 0 when free

    /// <summary>Enters; the scope leaves when disposed (a <c>using</c>).</summary>
    public Scope Enter()
    {
        var thread = ThreadIdentity.Current;
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0) EnterContended(thread);
        _owner = thread;
        return new Scope(this);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended(int thread)
    {
        // Only this thread ever writes its own id here, and it clears it before leaving: seeing it means re-entry.
        if (Volatile.Read(ref _owner) == thread) throw new LockRecursionException("the channel was re-entered from inside one of its own calls");
        var spin = new SpinWait();
        // No Sleep(1): a holder leaves within microseconds, so a millisecond's nap would only add latency.
        do spin.SpinOnce(sleep1Threshold: -1);
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }

    private void Exit()
    {
        _owner = 0;
        Volatile.Write(ref _held, 0);
    }

    /// <summary>Holds the gate until disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly ChannelGate _gate;

        internal Scope(ChannelGate gate) => _gate = gate;

        public void Dispose() => _gate.Exit();
    }
}

using Vmb.Spec.Spi;

namespace Vmb.Kmcl;

// The slot table (D32): every packet record is a slot, pooled and reused across packets, and a presentation's
// handle is this channel plus a token naming the slot and its generation. Presenting allocates nothing in
// steady state; the table only grows while more packets are held at once than ever before.
public sealed partial class KmclChannel : IVmbPacketOwner
{
    private readonly List<PacketRecord> _slots = new();
    private readonly Stack<PacketRecord> _pool = new();

    /// <summary>Starts a presentation of <paramref name="record"/> on this thread; the handle the client gets.</summary>
    private VmbPacket IssueLocked(PacketRecord record)
    {
        record.BeginPresentation();
        var thread = CurrentThread;
        var generation = record.Ledger.Begin(thread);
        _presentingThread = thread;
        var token = PacketToken.Make(record.Slot, generation);
        record.Token = token;
        record.Claim = InlineClaim.Open;
        _inCallback = record;
        return new VmbPacket(this, token);
    }

    /// <summary>How the presentation <paramref name="token"/> names stands; its record when it is the live one.</summary>
    private HandleStanding StandingLocked(ulong token, out PacketRecord? live, out bool inItsCallback)
    {
        live = null;
        inItsCallback = false;
        var slot = PacketToken.Slot(token);
        if (slot >= _slots.Count) return HandleStanding.Unknown;
        var record = _slots[slot];
        var generation = PacketToken.Generation(token);
        var standing = record.Ledger.Standing(generation);
        // A call through the live handle closes the inline path first; if an inline Complete won, it is answered.
        if (standing == HandleStanding.Live && !CloseInlineLocked(record)) standing = record.Ledger.Standing(generation);
        inItsCallback = record.Ledger.InCallbackOn(generation, CurrentThread);
        if (standing == HandleStanding.Live) live = record;
        return standing;
    }

    private PacketRecord RentRecordLocked()
    {
        if (_pool.TryPop(out var pooled)) return pooled;
        if (_slots.Count == PacketToken.MaxSlots) throw new InvalidOperationException($"more than {PacketToken.MaxSlots} packets held at once");
        var record = new PacketRecord(_slots.Count);
        _slots.Add(record);
        return record;
    }

    private void ReturnRecordLocked(PacketRecord record)
    {
        record.Release();
        // A slot whose generations run out is retired, never reused, so its tokens never repeat; it stays in
        // the table so they are still recognised as stale.
        if (!record.Ledger.Exhausted) _pool.Push(record);
    }

    void IVmbPacketOwner.Complete(ulong token, ReadOnlySpan<byte> completionBuffer) => Complete(token, completionBuffer);

    void IVmbPacketOwner.Fail(ulong token) => Fail(token);

    void IVmbPacketOwner.DeferToPassive(ulong token) => DeferToPassive(token);

    int IVmbPacketOwner.GetExternalData(ulong token, uint flags, out IExternalDataView? view) => GetExternalData(token, flags, out view);

    Memory<byte> IVmbPacketOwner.GetClientContext(ulong token) => GetClientContext(token);
}

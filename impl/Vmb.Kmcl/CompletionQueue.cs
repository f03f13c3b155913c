using Vmb.Ring;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

/// <summary>
/// Writes completion packets (0xB, R-CMPL-6) to the outgoing ring, keeping those that do not fit yet in a
/// FIFO until the peer frees room (R-CMPL-8): never lost, never duplicated, never reordered. Used under the
/// channel's lock, which makes the channel the ring's single producer.
/// </summary>
internal sealed class CompletionQueue
{
    private readonly IRingWriter _writer;
    private readonly PeerDoorbell _doorbell;
    private readonly Queue<(ulong TransactionId, byte[] Payload)> _waiting = new();
    private bool _staged;

    public CompletionQueue(IRingWriter writer, int largestTotal, PeerDoorbell doorbell)
    {
        _writer = writer;
        _doorbell = doorbell;
        LargestTotal = largestTotal;
    }

    /// <summary>Largest packet total the outgoing ring can ever take (R-RING-7).</summary>
    public int LargestTotal { get; }

    /// <summary>Completions waiting for room.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>True when a reply of <paramref name="payloadBytes"/> can ever fit the outgoing ring.</summary>
    public bool CanEverFit(int payloadBytes) =>
        payloadBytes <= WireConstants.MaxPacketBytes - WireConstants.DescriptorSize
        && WireConstants.AlignUp(WireConstants.DescriptorSize + payloadBytes) + WireConstants.TrailerSize <= LargestTotal;

    /// <summary>
    /// Writes (or queues) one completion. With <paramref name="publish"/> it is published at once; otherwise it
    /// stays staged until <see cref="Publish"/> (a drain run publishes its inline replies once, R-RING-11).
    /// True when the peer must be signalled (R-SIG-1).
    /// </summary>
    public bool Send(ulong transactionId, ReadOnlySpan<byte> payload, bool publish)
    {
        WriteWaiting();
        if (_waiting.Count == 0 && TryWrite(transactionId, payload)) _staged = true;
        else _waiting.Enqueue((transactionId, payload.ToArray()));
        return publish && Publish();
    }

    /// <summary>Writes as many waiting completions as fit now and publishes; true when the peer must be signalled.</summary>
    public bool Flush()
    {
        WriteWaiting();
        return Publish();
    }

    /// <summary>Publishes every staged completion; true when the peer must be signalled.</summary>
    public bool Publish()
    {
        if (!_staged) return false;
        _staged = false;
        _writer.Commit();
        return _doorbell.Take();
    }

    private void WriteWaiting()
    {
        while (_waiting.TryPeek(out var next))
        {
            if (!TryWrite(next.TransactionId, next.Payload)) break;
            _waiting.Dequeue();
            _staged = true;
        }
    }

    private bool TryWrite(ulong transactionId, ReadOnlySpan<byte> payload)
    {
        // A corrupt read index from the peer makes the ring unusable for now; the reply waits, never lost.
        try { return CompletionPacket.TryWrite(_writer, transactionId, payload) == RingWriteStatus.Written; }
        catch (RingFormatException) { return false; }
    }
}

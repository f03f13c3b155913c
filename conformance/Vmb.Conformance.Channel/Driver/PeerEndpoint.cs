using Vmb.Conformance.Peer;
using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Driver;

/// <summary>One packet the endpoint read from the outgoing ring.</summary>
internal sealed record OutgoingRead(PacketDescriptor Descriptor, byte[] Payload, int RingOffset, bool TrailerOk);

/// <summary>
/// The opposite endpoint's two ring halves: writer of the incoming ring, reader of the outgoing ring.
/// Own code on purpose (D16): see <see cref="PeerRing"/>.
/// </summary>
internal sealed class PeerEndpoint
{
    private readonly PeerRing _incoming;
    private readonly PeerRing _outgoing;

    public PeerEndpoint(MemoryRegion incoming, int incomingStart, MemoryRegion outgoing, int outgoingStart)
    {
        _incoming = new PeerRing(incoming);
        _outgoing = new PeerRing(outgoing);
        Prepare(_incoming, incomingStart);
        Prepare(_outgoing, outgoingStart);
    }

    /// <summary>Fresh indices at the scenario's starting offset, so wrap-around happens early (R-RING-12 allows attaching to a ring in use).</summary>
    private static void Prepare(PeerRing ring, int start)
    {
        ring.WriteIndex = (uint)start;
        ring.ReadIndex = (uint)start;
        ring.Write(ControlPage.FeatureBitsOffset, ControlPage.FeaturePendingSendSize);
    }

    /// <summary>True once a write wrapped past the end of the incoming data area.</summary>
    public bool IncomingWrapped { get; private set; }

    /// <summary>True once a read wrapped past the end of the outgoing data area.</summary>
    public bool OutgoingWrapped { get; private set; }

    /// <summary>Largest packet total the incoming ring can ever take (R-RING-7).</summary>
    public int IncomingCapacity => _incoming.Size - WireConstants.Alignment;

    /// <summary>Room the implementation needs to make before the backlog can move on (the pending_send_size we set).</summary>
    public uint IncomingPendingSendSize => _incoming.Read(ControlPage.PendingSendSizeOffset);

    /// <summary>Free bytes on the incoming ring now.</summary>
    public int IncomingFree => _incoming.Free(_incoming.WriteIndex, _incoming.ReadIndex);

    /// <summary>
    /// Writes one packet (<paramref name="packet"/> = descriptor to padding) and its trailer and publishes W.
    /// Returns false, with pending_send_size set (R-SIG-4), when it does not fit (R-RING-7).
    /// <paramref name="signal"/> says whether the ring went from empty to non-empty with interrupts unmasked (R-SIG-1).
    /// </summary>
    public bool TryWriteIncoming(byte[] packet, out int ringOffset, out bool signal)
    {
        var total = packet.Length + WireConstants.TrailerSize;
        var w = _incoming.WriteIndex;
        var r = _incoming.ReadIndex;
        ringOffset = (int)w;
        signal = false;
        if (_incoming.Free(w, r) <= total)
        {
            _incoming.Write(ControlPage.PendingSendSizeOffset, (uint)total);
            // A reader on another thread that drained the ring before it could see pending_send_size loaded it as zero
            // and will not signal: re-check free space after a full barrier, as R-SIG-4 has a writer do, and write now
            // if the room is there; otherwise the reader's next batch sees the size and owes the signal (R-SIG-5).
            Interlocked.MemoryBarrier();
            r = _incoming.ReadIndex;
            if (_incoming.Free(w, r) <= total) return false;
        }
        _incoming.CopyIn((int)w, packet);
        Span<byte> trailer = stackalloc byte[WireConstants.TrailerSize];
        Trailer.Write(trailer, w);
        var trailerAt = _incoming.Advance((int)w, packet.Length);
        _incoming.CopyIn(trailerAt, trailer);
        if ((long)w + total > _incoming.Size) IncomingWrapped = true;
        var next = (uint)_incoming.Advance((int)w, total);
        _incoming.Write(ControlPage.PendingSendSizeOffset, 0);
        Interlocked.MemoryBarrier();
        _incoming.WriteIndex = next;
        Interlocked.MemoryBarrier();
        signal = _incoming.Read(ControlPage.InterruptMaskOffset) == 0 && _incoming.ReadIndex == w;
        return true;
    }

    /// <summary>
    /// Reads every packet on the outgoing ring, publishes the new R, and says whether the writer must be
    /// signalled (free crossed pending_send_size upwards, R-SIG-5). A broken ring is reported in <paramref name="error"/>
    /// and skipped as a whole.
    /// </summary>
    public List<OutgoingRead> DrainOutgoing(out bool signal, out string? error)
    {
        var reads = new List<OutgoingRead>();
        error = null;
        signal = false;
        var w = _outgoing.WriteIndex;
        var r = _outgoing.ReadIndex;
        if (w >= _outgoing.Size || w % WireConstants.Alignment != 0)
        {
            error = $"outgoing write_index {w} is not an 8-aligned offset below {_outgoing.Size}";
            return reads;
        }
        var freeBefore = _outgoing.Free(w, r);
        Span<byte> head = stackalloc byte[WireConstants.DescriptorSize];
        Span<byte> trailer = stackalloc byte[WireConstants.TrailerSize];
        while (r != w)
        {
            var used = _outgoing.Used(w, r);
            if (used < WireConstants.MinPacketTotal) { error = $"{used} bytes left before write_index at {r}: smaller than a packet"; break; }
            _outgoing.CopyOut((int)r, head);
            var d = PacketDescriptor.Read(head);
            if (d.Offset8 < 2 || d.Len8 < d.Offset8 || d.TotalLength > used)
            {
                error = $"descriptor at {r} is self-contradictory: offset8 {d.Offset8}, len8 {d.Len8}, {used} bytes published";
                break;
            }
            var payload = new byte[d.PayloadLength];
            _outgoing.CopyOut(_outgoing.Advance((int)r, d.DataOffset), payload);
            _outgoing.CopyOut(_outgoing.Advance((int)r, d.Length), trailer);
            reads.Add(new OutgoingRead(d, payload, (int)r, Trailer.Read(trailer) == Trailer.ValueFor(r)));
            if ((long)r + d.TotalLength > _outgoing.Size) OutgoingWrapped = true;
            r = (uint)_outgoing.Advance((int)r, d.TotalLength);
        }
        if (error is not null) r = w;
        Interlocked.MemoryBarrier();
        _outgoing.ReadIndex = r;
        Interlocked.MemoryBarrier();
        var pss = _outgoing.Read(ControlPage.PendingSendSizeOffset) & ~7u;
        var freeAfter = _outgoing.Free(_outgoing.WriteIndex, r);
        signal = pss != 0 && freeBefore <= pss && freeAfter > pss;
        return reads;
    }

    /// <summary>Bytes the implementation has published on the outgoing ring and the endpoint not yet read.</summary>
    public int OutgoingUsed => _outgoing.Used(_outgoing.WriteIndex, _outgoing.ReadIndex);

    /// <summary>pending_send_size the implementation set on the outgoing ring.</summary>
    public uint OutgoingPendingSendSize => _outgoing.Read(ControlPage.PendingSendSizeOffset);
}

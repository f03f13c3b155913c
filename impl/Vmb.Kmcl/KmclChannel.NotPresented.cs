using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

// What intake does with a read that yields no packet for the client: an empty or malformed ring, a non-data
// packet, a packet unfit for its profile. Kept out of the per-packet path so that path stays small.
public sealed partial class KmclChannel
{
    private Next NothingReadLocked(PacketRecord rec, RingReadStatus status, RingError? error, ref (IntakeStopReason, string?, string)? stopped)
    {
        _pool.Push(rec);
        if (status == RingReadStatus.Empty) return Next.Done;
        stopped = StopForGoodLocked(IntakeStopReason.MalformedRing, error?.RuleId, error?.ToString() ?? "malformed ring");
        return Next.Stop;
    }

    private Next NonDataLocked(PacketRecord rec, RingPacket packet, ref PacketDescriptor nonData, ref bool signalPeer,
        ref (IntakeStopReason, string?, string)? stopped)
    {
        var d = packet.Descriptor;
        _pool.Push(rec);
        if (d.Type is (ushort)PacketType.Completion or (ushort)PacketType.Cancel)
        {
            // Completions and cancels are consumed, never presented (R-PP-16, D9).
            nonData = d;
            signalPeer |= PublishBatchLocked();
            return Next.NonData;
        }
        signalPeer |= AbandonLastPacketLocked();
        stopped = StopForGoodLocked(IntakeStopReason.MalformedRing, "R-MAL-7", $"packet type 0x{d.Type:X} at ring offset {packet.RingOffset}");
        return Next.Stop;
    }

    /// <summary>Never reaches the client (R-PP-17); intake stops for good (R-MAL-9, D10).</summary>
    private Next UnfitLocked(PacketRecord rec, Unfit unfit, RingPacket packet, ref bool signalPeer, ref (IntakeStopReason, string?, string)? stopped)
    {
        _pool.Push(rec);
        signalPeer |= AbandonLastPacketLocked();
        stopped = StopForGoodLocked(IntakeStopReason.MalformedRing, unfit.RuleId, $"{unfit.Detail} (packet at ring offset {packet.RingOffset})");
        return Next.Stop;
    }
}

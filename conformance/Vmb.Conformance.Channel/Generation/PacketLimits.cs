using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Generation;

/// <summary>The largest counts and lengths a ring of a given size holds (R-RING-7): what "max" means for a count or length field.</summary>
internal static class PacketLimits
{
    /// <summary>Most GPA-direct ranges one packet holds in a ring of <paramref name="ringSize"/> bytes (one page each, no payload).</summary>
    public static int MaxGpaRanges(int ringSize) =>
        (RoomForHeader(ringSize) - WireConstants.RangeTypeHeaderSize) / new GpaRange(1, 0, [0]).WireSize;

    /// <summary>Most transfer-page ranges one packet holds in a ring of <paramref name="ringSize"/> bytes (no payload).</summary>
    public static int MaxTransferRanges(int ringSize) =>
        (RoomForHeader(ringSize) - WireConstants.RangeTypeHeaderSize) / WireConstants.TransferPageRangeSize;

    /// <summary>Largest completion payload one reply holds in an outgoing ring of <paramref name="ringSize"/> bytes.</summary>
    public static int MaxReply(int ringSize) => RoomForHeader(ringSize);

    /// <summary>Largest in-band payload a packet of this shape carries in a ring of <paramref name="ringSize"/> bytes.</summary>
    public static int MaxPayload(WritePacketStep w, int ringSize, FramingProfile profile) =>
        ScenarioGenerators.MaxPayload(w.Kind, w.Ranges, ringSize, profile);

    // Bytes after the descriptor and before the trailer in the largest packet the ring holds.
    private static int RoomForHeader(int ringSize) => WireConstants.MaxTotalForRing(ringSize) - WireConstants.TrailerSize - WireConstants.DescriptorSize;
}

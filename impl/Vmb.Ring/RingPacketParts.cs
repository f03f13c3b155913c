using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring;

/// <summary>Views into the copy a <see cref="RingReader"/> made of one packet; no bytes are copied again.</summary>
public static class RingPacketParts
{
    /// <summary>The type header and range list: bytes 16 to offset8 × 8 (empty for 0x6, 0xA, 0xB).</summary>
    /// <param name="packet">What TryRead returned.</param>
    /// <param name="copy">The destination TryRead filled.</param>
    public static ReadOnlySpan<byte> TypeHeader(in RingPacket packet, ReadOnlySpan<byte> copy) =>
        copy[WireConstants.DescriptorSize..packet.Descriptor.DataOffset];

    /// <summary>The payload as the ring records it: (len8 − offset8) × 8 bytes from offset8 × 8, padding included (R-DESC-5).</summary>
    /// <param name="packet">What TryRead returned.</param>
    /// <param name="copy">The destination TryRead filled.</param>
    public static ReadOnlySpan<byte> Payload(in RingPacket packet, ReadOnlySpan<byte> copy) =>
        copy[packet.Descriptor.DataOffset..packet.Length];
}

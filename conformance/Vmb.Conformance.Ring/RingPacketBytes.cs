using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// The bytes a write operation stands for: type header, payload, and the correct wire image (descriptor to
/// padding). Built on Vmb.Spec's layout helpers only, never on Vmb.Ring (D16): the oracle must not share code
/// with what it judges.
/// </summary>
internal static class RingPacketBytes
{
    public static ushort Flags(RingOp op) =>
        op.Type != PacketType.Completion && op.Completion ? WireConstants.FlagCompletionRequested : (ushort)0;

    public static byte[] Header(RingOp op)
    {
        switch (op.Type)
        {
            case PacketType.TransferPages:
            {
                var ranges = Enumerable.Range(0, op.Ranges).Select(i => new TransferPageRange((uint)(64 + i), (uint)(i * 4096))).ToArray();
                var header = new byte[RangeHeaders.TransferPageHeaderBytes(ranges.Length)];
                RangeHeaders.WriteTransferPages(header, (ushort)(op.Tid & 0xFF), ranges);
                return header;
            }
            case PacketType.GpaDirect:
            {
                // Offsets step by 8 and wrap before a range would cross its one page, so any count stays well formed.
                var ranges = Enumerable.Range(0, Math.Max(1, op.Ranges)).Select(i => new GpaRange(100, (uint)(8 * i % 3992), [(ulong)(0x1000 + i)])).ToArray();
                var header = new byte[RangeHeaders.GpaDirectHeaderBytes(ranges)];
                RangeHeaders.WriteGpaDirect(header, ranges);
                return header;
            }
            default:
                return [];
        }
    }

    public static byte[] Payload(RingOp op)
    {
        var bytes = new byte[op.Payload];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(op.Tid * 31 + (ulong)i * 7 + 1);
        return bytes;
    }

    public static PacketDescriptor Descriptor(RingOp op) =>
        PacketDescriptor.For(op.Type, Header(op).Length, op.Payload, Flags(op), op.Tid);

    /// <summary>Total bytes the packet takes in the ring, trailer included.</summary>
    public static int Total(RingOp op) => Descriptor(op).TotalLength;

    /// <summary>The correct image without the trailer: descriptor, header, payload, zero padding.</summary>
    public static byte[] Image(RingOp op)
    {
        var header = Header(op);
        var d = Descriptor(op);
        var bytes = new byte[d.Length];
        d.Write(bytes);
        header.CopyTo(bytes, WireConstants.DescriptorSize);
        Payload(op).CopyTo(bytes, d.DataOffset);
        return bytes;
    }

    /// <summary>Most ranges a packet of this type carries in a ring of <paramref name="dataSize"/> bytes (no payload; one page per GPA range).</summary>
    public static int MaxRanges(PacketType type, int dataSize)
    {
        var room = WireConstants.MaxTotalForRing(dataSize) - WireConstants.TrailerSize - WireConstants.DescriptorSize - WireConstants.RangeTypeHeaderSize;
        return type == PacketType.GpaDirect ? room / (WireConstants.GpaRangeHeaderSize + 8) : room / WireConstants.TransferPageRangeSize;
    }

    /// <summary>Largest payload a packet of this type and range count may carry in a ring of <paramref name="dataSize"/> bytes.</summary>
    public static int MaxPayload(PacketType type, int ranges, int dataSize)
    {
        var header = Header(new RingOp { Type = type, Ranges = ranges }).Length;
        return WireConstants.MaxTotalForRing(dataSize) - WireConstants.TrailerSize - WireConstants.DescriptorSize - header;
    }
}

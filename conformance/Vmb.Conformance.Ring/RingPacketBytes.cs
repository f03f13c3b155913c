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
        var header = new byte[HeaderLength(op)];
        WriteHeader(op, header);
        return header;
    }

    /// <summary>Bytes of the type header and ranges <see cref="Header"/> makes, without making them.</summary>
    public static int HeaderLength(RingOp op) => op.Type switch
    {
        PacketType.TransferPages => RangeHeaders.TransferPageHeaderBytes(op.Ranges),
        // One page per GPA range (see WriteHeader).
        PacketType.GpaDirect => WireConstants.RangeTypeHeaderSize + Math.Max(1, op.Ranges) * (WireConstants.GpaRangeHeaderSize + sizeof(ulong)),
        _ => 0,
    };

    private static void WriteHeader(RingOp op, Span<byte> into)
    {
        switch (op.Type)
        {
            case PacketType.TransferPages:
            {
                var ranges = new TransferPageRange[op.Ranges];
                for (var i = 0; i < ranges.Length; i++) ranges[i] = new TransferPageRange((uint)(64 + i), (uint)(i * 4096));
                RangeHeaders.WriteTransferPages(into, (ushort)(op.Tid & 0xFF), ranges);
                break;
            }
            case PacketType.GpaDirect:
            {
                // Offsets step by 8 and wrap before a range would cross its one page, so any count stays well formed.
                var ranges = new GpaRange[Math.Max(1, op.Ranges)];
                for (var i = 0; i < ranges.Length; i++) ranges[i] = new GpaRange(100, (uint)(8 * i % 3992), [(ulong)(0x1000 + i)]);
                RangeHeaders.WriteGpaDirect(into, ranges);
                break;
            }
        }
    }

    public static byte[] Payload(RingOp op)
    {
        var bytes = new byte[op.Payload];
        FillPayload(op, bytes);
        return bytes;
    }

    // Byte i is tid * 31 + i * 7 + 1 (mod 256): a period of 256 bytes (7 is odd), so one period is computed and the rest copied.
    private static void FillPayload(RingOp op, Span<byte> into)
    {
        var period = Math.Min(256, into.Length);
        var first = (byte)(op.Tid * 31 + 1);
        for (var i = 0; i < period; i++) into[i] = (byte)(first + i * 7);
        for (var filled = period; filled < into.Length; filled *= 2)
            into[..Math.Min(filled, into.Length - filled)].CopyTo(into[filled..]);
    }

    public static PacketDescriptor Descriptor(RingOp op) =>
        PacketDescriptor.For(op.Type, HeaderLength(op), op.Payload, Flags(op), op.Tid);

    /// <summary>Total bytes the packet takes in the ring, trailer included.</summary>
    public static int Total(RingOp op) => Descriptor(op).TotalLength;

    /// <summary>The correct image without the trailer: descriptor, header, payload, zero padding.</summary>
    public static byte[] Image(RingOp op)
    {
        var d = Descriptor(op);
        var bytes = new byte[d.Length];
        d.Write(bytes);
        WriteHeader(op, bytes.AsSpan(WireConstants.DescriptorSize, HeaderLength(op)));
        FillPayload(op, bytes.AsSpan(d.DataOffset, op.Payload));
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
        var header = HeaderLength(new RingOp { Type = type, Ranges = ranges });
        return WireConstants.MaxTotalForRing(dataSize) - WireConstants.TrailerSize - WireConstants.DescriptorSize - header;
    }
}

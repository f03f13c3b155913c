using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>One packet a scenario writes: everything the reader must give back.</summary>
public sealed record PacketSpec(
    PacketType Type, ushort Flags, ulong TransactionId, TransferPageRange[] TransferRanges, GpaRange[] GpaRanges, int PayloadLength, byte Fill)
{
    /// <summary>The type header and range list the writer is given (empty for 0x6 and 0xB).</summary>
    public byte[] Header()
    {
        switch (Type)
        {
            case PacketType.TransferPages:
            {
                var bytes = new byte[RangeHeaders.TransferPageHeaderBytes(TransferRanges.Length)];
                RangeHeaders.WriteTransferPages(bytes, (ushort)(TransactionId & 0xFFFF), TransferRanges);
                return bytes;
            }
            case PacketType.GpaDirect:
            {
                var bytes = new byte[RangeHeaders.GpaDirectHeaderBytes(GpaRanges)];
                RangeHeaders.WriteGpaDirect(bytes, GpaRanges);
                return bytes;
            }
            default:
                return [];
        }
    }

    /// <summary>Payload bytes, clamped so the packet fits a ring of <paramref name="dataSize"/> bytes.</summary>
    public byte[] Payload(int dataSize)
    {
        var max = WireConstants.MaxTotalForRing(dataSize) - WireConstants.TrailerSize - WireConstants.DescriptorSize - Header().Length;
        var payload = new byte[Math.Min(PayloadLength, max)];
        for (var i = 0; i < payload.Length; i++) payload[i] = (byte)(Fill + i * 31);
        return payload;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Type}(flags {Flags}, id {TransactionId}, {TransferRanges.Length + GpaRanges.Length} ranges, payload {PayloadLength})";
}

/// <summary>A step of a ring scenario.</summary>
public abstract record RingOp;

/// <summary>The writer stages these packets (each may be refused as Full) and commits once.</summary>
public sealed record WriteBatch(PacketSpec[] Packets) : RingOp
{
    /// <inheritdoc />
    public override string ToString() => $"Write[{string.Join(", ", (object[])Packets)}]";
}

/// <summary>The reader reads up to this many packets and commits once.</summary>
public sealed record ReadBatch(int MaxPackets) : RingOp;

/// <summary>The reader sets (true) or clears (false, with the R-SIG-3 re-check) interrupt_mask.</summary>
public sealed record SetMask(bool Masked) : RingOp;

/// <summary>A ring of <paramref name="DataSize"/> bytes whose indices both start at <paramref name="Start"/>, then the steps.</summary>
public sealed record RingScenario(int DataSize, int Start, RingOp[] Ops)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"S={DataSize} start={Start}{System.Environment.NewLine}  {string.Join(System.Environment.NewLine + "  ", (object[])Ops)}";
}

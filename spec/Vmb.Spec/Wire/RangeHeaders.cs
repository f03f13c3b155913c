using System.Buffers.Binary;

namespace Vmb.Spec.Wire;

/// <summary>One transfer-page range: bytes within a registered page set (R-DESC-11).</summary>
public readonly record struct TransferPageRange(uint ByteCount, uint ByteOffset);

/// <summary>
/// One GPA-direct range: a byte count, an offset into the first page, and the guest page numbers that
/// hold it (R-DESC-12). Also the shape of one element of an external-data view.
/// </summary>
public sealed record GpaRange(uint ByteCount, uint ByteOffset, IReadOnlyList<ulong> PageNumbers)
{
    /// <summary>Pages a range of this offset and count needs: ⌈(offset + count) / 4096⌉.</summary>
    public static int PagesFor(uint byteOffset, uint byteCount) =>
        (int)(((ulong)byteOffset + byteCount + WireConstants.PageSize - 1) / WireConstants.PageSize);

    /// <summary>Bytes this range takes on the wire: header plus 8 per page number.</summary>
    public int WireSize => WireConstants.GpaRangeHeaderSize + 8 * PageNumbers.Count;

    /// <summary>Structural equality (records compare lists by reference).</summary>
    public bool SameAs(GpaRange other) =>
        ByteCount == other.ByteCount && ByteOffset == other.ByteOffset && PageNumbers.SequenceEqual(other.PageNumbers);
}

/// <summary>Reads and writes the type header and range list of packet types 0x7 and 0x9.</summary>
public static class RangeHeaders
{
    /// <summary>Offset of the type header inside a packet.</summary>
    public const int TypeHeaderOffset = WireConstants.DescriptorSize;

    /// <summary>Offset of the u32 range count inside a packet (both types).</summary>
    public const int RangeCountOffset = TypeHeaderOffset + 4;

    /// <summary>Offset of the first range inside a packet (both types).</summary>
    public const int FirstRangeOffset = TypeHeaderOffset + WireConstants.RangeTypeHeaderSize;

    /// <summary>Bytes of the type header plus ranges for a transfer-page packet with <paramref name="rangeCount"/> ranges.</summary>
    public static int TransferPageHeaderBytes(int rangeCount) =>
        WireConstants.RangeTypeHeaderSize + rangeCount * WireConstants.TransferPageRangeSize;

    /// <summary>Bytes of the type header plus ranges for a GPA-direct packet.</summary>
    public static int GpaDirectHeaderBytes(IReadOnlyList<GpaRange> ranges)
    {
        var bytes = WireConstants.RangeTypeHeaderSize;
        foreach (var r in ranges) bytes += r.WireSize;
        return bytes;
    }

    /// <summary>Writes the transfer-page type header and ranges; <paramref name="destination"/> starts at packet offset 16.</summary>
    public static void WriteTransferPages(Span<byte> destination, ushort pageSetId, ReadOnlySpan<TransferPageRange> ranges)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, pageSetId);
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)ranges.Length);
        var at = WireConstants.RangeTypeHeaderSize;
        foreach (var r in ranges)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], r.ByteCount);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(at + 4)..], r.ByteOffset);
            at += WireConstants.TransferPageRangeSize;
        }
    }

    /// <summary>Writes the GPA-direct type header and ranges; <paramref name="destination"/> starts at packet offset 16.</summary>
    public static void WriteGpaDirect(Span<byte> destination, IReadOnlyList<GpaRange> ranges)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)ranges.Count);
        var at = WireConstants.RangeTypeHeaderSize;
        foreach (var r in ranges)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], r.ByteCount);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(at + 4)..], r.ByteOffset);
            at += WireConstants.GpaRangeHeaderSize;
            foreach (var pfn in r.PageNumbers)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[at..], pfn);
                at += 8;
            }
        }
    }

    /// <summary>Reads the transfer page set id from a type-0x7 header (starts at packet offset 16).</summary>
    public static ushort ReadPageSetId(ReadOnlySpan<byte> typeHeader) => BinaryPrimitives.ReadUInt16LittleEndian(typeHeader);

    /// <summary>Reads the range count from a type header (starts at packet offset 16).</summary>
    public static uint ReadRangeCount(ReadOnlySpan<byte> typeHeader) => BinaryPrimitives.ReadUInt32LittleEndian(typeHeader[4..]);

    /// <summary>Reads transfer-page range <paramref name="index"/> (typeHeader starts at packet offset 16; caller checked bounds).</summary>
    public static TransferPageRange ReadTransferPageRange(ReadOnlySpan<byte> typeHeader, int index)
    {
        var at = WireConstants.RangeTypeHeaderSize + index * WireConstants.TransferPageRangeSize;
        return new(BinaryPrimitives.ReadUInt32LittleEndian(typeHeader[at..]), BinaryPrimitives.ReadUInt32LittleEndian(typeHeader[(at + 4)..]));
    }
}

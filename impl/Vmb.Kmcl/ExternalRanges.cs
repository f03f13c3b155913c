using System.Buffers.Binary;
using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

/// <summary>Reads the range lists of 0x7 and 0x9 packets from the channel's copy (R-DESC-11, R-DESC-12).</summary>
internal static class ExternalRanges
{
    /// <summary>
    /// Checks that the range list of a 0x7/0x9 packet lies inside its header region; null when it does,
    /// else what is wrong (the reader checks the same, R-MAL-8; this keeps R-PP-17 independent of it).
    /// </summary>
    public static string? Validate(ReadOnlySpan<byte> packet, PacketDescriptor d)
    {
        var type = (PacketType)d.Type;
        if (type is not (PacketType.TransferPages or PacketType.GpaDirect)) return null;
        var headerEnd = d.DataOffset;
        if (headerEnd < RangeHeaders.FirstRangeOffset || headerEnd > d.Length) return $"offset8 {d.Offset8} leaves no room for the range header";
        var count = RangeHeaders.ReadRangeCount(packet[RangeHeaders.TypeHeaderOffset..]);
        if (type == PacketType.TransferPages)
        {
            if ((long)RangeHeaders.FirstRangeOffset + (long)count * WireConstants.TransferPageRangeSize > headerEnd)
                return $"{count} transfer-page ranges do not fit before the payload at {headerEnd}";
            return null;
        }
        if (count == 0) return "GPA-direct packet with no range";
        var at = RangeHeaders.FirstRangeOffset;
        for (var i = 0u; i < count; i++)
        {
            if (at + WireConstants.GpaRangeHeaderSize > headerEnd) return $"GPA range {i} starts past the header region";
            var byteCount = BinaryPrimitives.ReadUInt32LittleEndian(packet[at..]);
            var byteOffset = BinaryPrimitives.ReadUInt32LittleEndian(packet[(at + 4)..]);
            if (byteCount == 0 || byteOffset >= WireConstants.PageSize) return $"GPA range {i} has byte_count {byteCount}, byte_offset {byteOffset}";
            at += WireConstants.GpaRangeHeaderSize + 8 * GpaRange.PagesFor(byteOffset, byteCount);
            if (at > headerEnd) return $"GPA range {i} page list runs past the header region";
        }
        return null;
    }

    /// <summary>The ranges of a validated GPA-direct packet, as the sender listed them.</summary>
    public static GpaRange[] ReadGpaDirect(ReadOnlySpan<byte> packet)
    {
        var count = (int)RangeHeaders.ReadRangeCount(packet[RangeHeaders.TypeHeaderOffset..]);
        var ranges = new GpaRange[count];
        var at = RangeHeaders.FirstRangeOffset;
        for (var i = 0; i < count; i++)
        {
            var byteCount = BinaryPrimitives.ReadUInt32LittleEndian(packet[at..]);
            var byteOffset = BinaryPrimitives.ReadUInt32LittleEndian(packet[(at + 4)..]);
            var pages = new ulong[GpaRange.PagesFor(byteOffset, byteCount)];
            at += WireConstants.GpaRangeHeaderSize;
            for (var p = 0; p < pages.Length; p++, at += 8) pages[p] = BinaryPrimitives.ReadUInt64LittleEndian(packet[at..]);
            ranges[i] = new GpaRange(byteCount, byteOffset, pages);
        }
        return ranges;
    }

    /// <summary>
    /// The ranges of a validated transfer-page packet as GPA ranges over the pages of its registered set,
    /// or null with a reason when a range falls outside the set.
    /// </summary>
    public static GpaRange[]? ReadTransferPages(ReadOnlySpan<byte> packet, ulong[] setPages, out string? error)
    {
        error = null;
        var header = packet[RangeHeaders.TypeHeaderOffset..];
        var count = (int)RangeHeaders.ReadRangeCount(header);
        var setBytes = (long)setPages.Length * WireConstants.PageSize;
        var ranges = new GpaRange[count];
        for (var i = 0; i < count; i++)
        {
            var r = RangeHeaders.ReadTransferPageRange(header, i);
            if ((long)r.ByteOffset + r.ByteCount > setBytes)
            {
                error = $"transfer-page range {i} [{r.ByteOffset}, +{r.ByteCount}) lies outside its set of {setBytes} bytes";
                return null;
            }
            var first = (int)(r.ByteOffset / WireConstants.PageSize);
            var inPage = r.ByteOffset % WireConstants.PageSize;
            var pageCount = r.ByteCount == 0 ? 0 : GpaRange.PagesFor(inPage, r.ByteCount);
            ranges[i] = new GpaRange(r.ByteCount, inPage, setPages.AsSpan(first, pageCount).ToArray());
        }
        return ranges;
    }

    /// <summary>
    /// Whether the guest lacks a page of <paramref name="ranges"/>, and if not, the pages that are not resident now, in
    /// order without repeats. One question to the memory for all pages (a testee's memory answers it in one exchange).
    /// </summary>
    public static ulong[] NonResident(IGuestMemory memory, GpaRange[] ranges, out bool missing)
    {
        var pages = ranges.SelectMany(r => r.PageNumbers).ToArray();
        var states = new GuestPageState[pages.Length];
        memory.QueryPages(pages, states);
        missing = states.Contains(GuestPageState.Missing);
        if (missing) return [];
        List<ulong>? waiting = null;
        for (var i = 0; i < pages.Length; i++)
            if (states[i] != GuestPageState.Resident && (waiting is null || !waiting.Contains(pages[i]))) (waiting ??= new()).Add(pages[i]);
        return waiting is null ? [] : waiting.ToArray();
    }
}

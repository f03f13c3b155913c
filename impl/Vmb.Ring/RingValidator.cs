using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring;

/// <summary>
/// The strict reader's checks (ring-format §5). Every method works on values or bytes the caller already
/// copied out of shared memory (R-MAL-10) and returns null when the input is well formed, so the success
/// path allocates nothing; only a failure builds a <see cref="RingError"/>.
/// </summary>
public static class RingValidator
{
    private const int TypeFieldOffset = 0;
    private const int Offset8FieldOffset = 2;
    private const int Len8FieldOffset = 4;
    private const int FlagsFieldOffset = 6;

    /// <summary>
    /// The index check of R-MAL-1: an index loaded from the control page must be below S and a multiple of 8
    /// (R-RING-4). The same check serves the writer's loads of read_index (R-MAL-15) and the writer attaching
    /// (R-RING-13); <paramref name="ruleId"/> names the obligation the caller is meeting.
    /// </summary>
    /// <param name="value">The loaded index.</param>
    /// <param name="dataSize">S.</param>
    /// <param name="controlFieldOffset">Where the index lives in the control page (write_index or read_index).</param>
    /// <param name="ruleId">Rule reported on failure: R-MAL-1 (reader, attach included), R-MAL-15 (writer's loads), R-RING-13 (writer attaching).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RingError? CheckIndex(uint value, int dataSize, int controlFieldOffset, string ruleId = "R-MAL-1") =>
        value < (uint)dataSize && value % WireConstants.Alignment == 0 ? null : IndexError(value, dataSize, controlFieldOffset, ruleId);

    /// <summary>R-MAL-2: unread bytes that cannot hold even the smallest packet (descriptor plus trailer).</summary>
    /// <param name="used">(W − R) mod S, non-zero.</param>
    /// <param name="readOffset">The reader's position R.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RingError? CheckUsed(int used, int readOffset) =>
        used >= WireConstants.MinPacketTotal ? null : UsedError(used, readOffset);

    /// <summary>
    /// Checks a copied descriptor: R-MAL-3 (offset8), R-MAL-4 (len8 vs offset8), R-DESC-13 (size limit),
    /// R-MAL-5 (packet and trailer within W), R-MAL-6 (flags), R-MAL-7 (type) and the type-7/9 minimum offset8 of R-MAL-8.
    /// </summary>
    /// <param name="descriptor">The reader's copy of the descriptor.</param>
    /// <param name="packetOffset">Where the packet starts in the data area.</param>
    /// <param name="used">Unread bytes from the packet start to W.</param>
    /// <param name="dataSize">S.</param>
    /// <param name="cancelSupported">Whether type 0xA is accepted (R-CMP-7).</param>
    /// <param name="strict">
    /// False for a reader that does not declare strict-reader (errata E-24): undefined flag bits (R-MAL-6) and unknown
    /// types (R-MAL-7) pass, as in Linux; every check that keeps reads inside the packet still applies.
    /// </param>
    // Inlined into the reader's hot path: the checks are a few compares; building the error is out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RingError? CheckDescriptor(in PacketDescriptor descriptor, int packetOffset, int used, int dataSize, bool cancelSupported, bool strict = true)
    {
        var defect = FindDefect(descriptor, used, dataSize, cancelSupported, strict);
        return defect == Defect.None ? null : DescriptorError(defect, descriptor, packetOffset, used, dataSize);
    }

    /// <summary>
    /// R-MAL-8: the range list of a type-7 or type-9 packet must lie inside the header region; type-9 ranges
    /// must be non-empty, start inside their first page and carry every page number they need.
    /// Other types pass unchecked.
    /// </summary>
    /// <param name="descriptor">The descriptor already accepted by <see cref="CheckDescriptor"/>.</param>
    /// <param name="packet">The reader's copy of the packet, at least offset8 × 8 bytes.</param>
    /// <param name="packetOffset">Where the packet starts in the data area.</param>
    /// <param name="dataSize">S.</param>
    public static RingError? CheckTypeHeader(in PacketDescriptor descriptor, ReadOnlySpan<byte> packet, int packetOffset, int dataSize) =>
        descriptor.Type switch
        {
            (ushort)PacketType.TransferPages => CheckTransferPages(descriptor, packet, packetOffset, dataSize),
            (ushort)PacketType.GpaDirect => CheckGpaDirect(descriptor, packet, packetOffset, dataSize),
            _ => null,
        };

    private static RingError? CheckTransferPages(in PacketDescriptor descriptor, ReadOnlySpan<byte> packet, int packetOffset, int dataSize)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(packet[RangeHeaders.RangeCountOffset..]);
        var end = RangeHeaders.FirstRangeOffset + (long)count * WireConstants.TransferPageRangeSize;
        return end <= descriptor.DataOffset
            ? null
            : Error("R-MAL-8", "range_count", packetOffset, RangeHeaders.RangeCountOffset, dataSize, count,
                $"{count} transfer-page ranges end at packet byte {end}, past the payload start {descriptor.DataOffset}");
    }

    private static RingError? CheckGpaDirect(in PacketDescriptor descriptor, ReadOnlySpan<byte> packet, int packetOffset, int dataSize)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(packet[RangeHeaders.RangeCountOffset..]);
        if (count == 0)
            return Error("R-MAL-8", "range_count", packetOffset, RangeHeaders.RangeCountOffset, dataSize, 0,
                "GPA-direct packet without ranges");
        var headerEnd = descriptor.DataOffset;
        var at = RangeHeaders.FirstRangeOffset;
        // Each range takes at least 16 bytes, so this loop ends within the header region however large count is.
        for (uint i = 0; i < count; i++)
        {
            if (at + WireConstants.GpaRangeHeaderSize > headerEnd)
                return Error("R-MAL-8", "range_count", packetOffset, RangeHeaders.RangeCountOffset, dataSize, count,
                    $"range {i} of {count} starts at packet byte {at}, past the payload start {headerEnd}");
            var byteCount = BinaryPrimitives.ReadUInt32LittleEndian(packet[at..]);
            var byteOffset = BinaryPrimitives.ReadUInt32LittleEndian(packet[(at + 4)..]);
            if (byteCount == 0)
                return Error("R-MAL-8", "byte_count", packetOffset, at, dataSize, 0, $"range {i} has byte_count 0");
            if (byteOffset >= WireConstants.PageSize)
                return Error("R-MAL-8", "byte_offset", packetOffset, at + 4, dataSize, byteOffset,
                    $"range {i} has byte_offset {byteOffset}, not inside its first 4096-byte page");
            var pages = GpaRange.PagesFor(byteOffset, byteCount);
            var pagesEnd = at + WireConstants.GpaRangeHeaderSize + (long)pages * 8;
            if (pagesEnd > headerEnd)
                return Error("R-MAL-8", "page_number", packetOffset, at + WireConstants.GpaRangeHeaderSize, dataSize, pages,
                    $"range {i} needs {pages} page numbers, ending at packet byte {pagesEnd}, past the payload start {headerEnd}");
            at = (int)pagesEnd;
        }
        return null;
    }

    private enum Defect { None, Offset8, Len8, TooLarge, PastWrite, Flags, Type, RangedOffset8 }

    // The order of the checks is the order the rules are reported in when several are broken at once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Defect FindDefect(in PacketDescriptor descriptor, int used, int dataSize, bool cancelSupported, bool strict)
    {
        if (descriptor.Offset8 < WireConstants.InBandOffset8) return Defect.Offset8;
        if (descriptor.Len8 < descriptor.Offset8) return Defect.Len8;
        var total = descriptor.TotalLength;
        if (total > WireConstants.MaxTotalForRing(dataSize)) return Defect.TooLarge;
        if (total > used) return Defect.PastWrite;
        if (strict && (descriptor.Flags & ~WireConstants.DefinedDescriptorFlags) != 0) return Defect.Flags;
        var typeKnown = descriptor.Type is (ushort)PacketType.InBand or (ushort)PacketType.TransferPages
            or (ushort)PacketType.GpaDirect or (ushort)PacketType.Completion
            || (cancelSupported && descriptor.Type == (ushort)PacketType.Cancel);
        if (strict && !typeKnown) return Defect.Type;
        if (descriptor.Type is (ushort)PacketType.TransferPages or (ushort)PacketType.GpaDirect
            && descriptor.Offset8 < PacketTypes.MinimumOffset8((PacketType)descriptor.Type))
            return Defect.RangedOffset8;
        return Defect.None;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RingError DescriptorError(Defect defect, in PacketDescriptor descriptor, int packetOffset, int used, int dataSize) => defect switch
    {
        Defect.Offset8 => Error("R-MAL-3", "offset8", packetOffset, Offset8FieldOffset, dataSize, descriptor.Offset8,
            "offset8 below 2: the payload would overlap the descriptor"),
        Defect.Len8 => Error("R-MAL-4", "len8", packetOffset, Len8FieldOffset, dataSize, descriptor.Len8,
            $"len8 below offset8 ({descriptor.Offset8}): negative payload length"),
        Defect.TooLarge => Error("R-DESC-13", "len8", packetOffset, Len8FieldOffset, dataSize, descriptor.Len8,
            $"packet total {descriptor.TotalLength} exceeds the largest total {WireConstants.MaxTotalForRing(dataSize)} this ring can hold"),
        Defect.PastWrite => Error("R-MAL-5", "len8", packetOffset, Len8FieldOffset, dataSize, descriptor.Len8,
            $"packet total {descriptor.TotalLength} (trailer included) extends past write_index ({used} bytes unread)"),
        Defect.Flags => Error("R-MAL-6", "flags", packetOffset, FlagsFieldOffset, dataSize, descriptor.Flags,
            "reserved flag bits set (only bit 0 is defined)"),
        Defect.Type => Error("R-MAL-7", "type", packetOffset, TypeFieldOffset, dataSize, descriptor.Type,
            descriptor.Type == (ushort)PacketType.Cancel
                ? "cancel packet (0xA) but this reader was built without cancel support"
                : "unknown packet type"),
        Defect.RangedOffset8 => Error("R-MAL-8", "offset8", packetOffset, Offset8FieldOffset, dataSize, descriptor.Offset8,
            "transfer-page and GPA-direct packets need offset8 of at least 3 for their type header"),
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, "not a descriptor defect"),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RingError IndexError(uint value, int dataSize, int controlFieldOffset, string ruleId)
    {
        var field = ControlPage.FieldName(controlFieldOffset);
        var why = value >= (uint)dataSize ? $"not below the data area size {dataSize}" : "not a multiple of 8";
        return new RingError($"{field} is {why}; the ring is corrupt") { RuleId = ruleId, Field = field, RingOffset = controlFieldOffset, Value = value };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RingError UsedError(int used, int readOffset) =>
        new($"only {used} unread bytes, fewer than the {WireConstants.MinPacketTotal} of the smallest packet; truncated packet")
            { RuleId = "R-MAL-2", Field = "used", RingOffset = readOffset, Value = used };

    private static RingError Error(string rule, string field, int packetOffset, int fieldInPacket, int dataSize, long value, string message)
    {
        var offset = (packetOffset + fieldInPacket) % dataSize;
        return new RingError(message) { RuleId = rule, Field = field, RingOffset = offset, Value = value };
    }
}

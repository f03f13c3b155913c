namespace Vmb.Spec.Wire;

/// <summary>Sizes and limits of the VMBus wire format (spec/wire-format.md).</summary>
public static class WireConstants
{
    /// <summary>Bytes of the control page in front of each data area (R-RING-1, R-RING-3).</summary>
    public const int ControlPageSize = 4096;

    /// <summary>Data areas are multiples of this (R-RING-3); also the guest page size for GPA ranges.</summary>
    public const int PageSize = 4096;

    /// <summary>Bytes of the packet descriptor (R-DESC-2).</summary>
    public const int DescriptorSize = 16;

    /// <summary>Bytes of the trailer after every packet (R-DESC-7).</summary>
    public const int TrailerSize = 8;

    /// <summary>Every packet and index is a multiple of this (R-RING-4, R-DESC-4).</summary>
    public const int Alignment = 8;

    /// <summary>offset8 of in-band, cancel and completion packets (R-DESC-3).</summary>
    public const ushort InBandOffset8 = 2;

    /// <summary>Bytes of the type header of transfer-page and GPA-direct packets, after the descriptor.</summary>
    public const int RangeTypeHeaderSize = 8;

    /// <summary>Bytes of one transfer-page range {u32 byte_count, u32 byte_offset}.</summary>
    public const int TransferPageRangeSize = 8;

    /// <summary>Bytes of a GPA range header {u32 byte_count, u32 byte_offset}, before its page numbers.</summary>
    public const int GpaRangeHeaderSize = 8;

    /// <summary>Largest len8 the 16-bit field can hold (R-DESC-13).</summary>
    public const int MaxLen8 = 65535;

    /// <summary>Largest packet without its trailer: 65535 × 8 = 524,280 bytes (R-SR-9).</summary>
    public const int MaxPacketBytes = MaxLen8 * Alignment;

    /// <summary>Smallest packet including trailer: descriptor only plus trailer (R-MAL-2).</summary>
    public const int MinPacketTotal = DescriptorSize + TrailerSize;

    /// <summary>Descriptor flag bit 0: the sender asks for a completion (R-CMPL-4).</summary>
    public const ushort FlagCompletionRequested = 0x0001;

    /// <summary>All descriptor flag bits a writer may set (R-DESC-8).</summary>
    public const ushort DefinedDescriptorFlags = FlagCompletionRequested;

    /// <summary>Bytes of the pipe-mode header {u32 type, u32 data size} (R-DESC-5, R-PP-8).</summary>
    public const int PipeHeaderSize = 8;

    /// <summary>Largest pipe-mode payload (R-DESC-5).</summary>
    public const int PipeMaxPayload = 16384;

    /// <summary>Rounds up to the wire alignment.</summary>
    public static int AlignUp(int value) => (value + (Alignment - 1)) & ~(Alignment - 1);

    /// <summary>Bytes a packet of <paramref name="len8"/> occupies in a ring, trailer included.</summary>
    public static int TotalBytes(int len8) => len8 * Alignment + TrailerSize;

    /// <summary>Largest total one packet may occupy in a data area of <paramref name="dataSize"/> bytes (R-RING-7).</summary>
    public static int MaxTotalForRing(int dataSize) => Math.Min(dataSize - Alignment, MaxPacketBytes + TrailerSize);
}

namespace Vmb.Spec.Wire;

/// <summary>Packet type values of the 16-byte descriptor (R-DESC-9).</summary>
public enum PacketType : ushort
{
    /// <summary>In-band data: payload lives in the ring (0x6).</summary>
    InBand = 0x0006,

    /// <summary>Data using transfer pages: ranges into a registered page set (0x7, R-DESC-11).</summary>
    TransferPages = 0x0007,

    /// <summary>Data using GPA direct: guest page lists (0x9, R-DESC-12).</summary>
    GpaDirect = 0x0009,

    /// <summary>Cancel request (0xA, R-CMP-7); only with the cancel capability.</summary>
    Cancel = 0x000A,

    /// <summary>Completion of an earlier request (0xB, R-CMP-1).</summary>
    Completion = 0x000B,
}

/// <summary>Facts about packet types that several layers need.</summary>
public static class PacketTypes
{
    /// <summary>True for the types that carry client data and are presented to ProcessPacket (R-PP-1, D9).</summary>
    public static bool IsData(PacketType type) =>
        type is PacketType.InBand or PacketType.TransferPages or PacketType.GpaDirect;

    /// <summary>Smallest legal offset8 for a type (R-DESC-10), before counting ranges.</summary>
    public static int MinimumOffset8(PacketType type) =>
        type is PacketType.TransferPages or PacketType.GpaDirect ? 3 : 2;

    /// <summary>True when the value names a type this contract knows (cancel included).</summary>
    public static bool IsKnown(ushort value) =>
        value is 0x6 or 0x7 or 0x9 or 0xA or 0xB;
}

namespace Vmb.Conformance.Scenarios;

/// <summary>What the opposite endpoint puts on the incoming ring (D9).</summary>
public enum PacketKind
{
    /// <summary>In-band data (0x6).</summary>
    InBand,

    /// <summary>Transfer-page data (0x7): ranges into a registered page set.</summary>
    TransferPages,

    /// <summary>GPA-direct data (0x9): guest page lists.</summary>
    GpaDirect,

    /// <summary>An incoming completion (0xB): consumed, never presented (R-PP-16).</summary>
    Completion,

    /// <summary>An incoming cancel (0xA): consumed or rejected, never presented (R-PP-16).</summary>
    Cancel,

    /// <summary>A self-contradictory packet (<see cref="Malformation"/>): never presented, intake stops (R-PP-17, D10).</summary>
    Malformed,
}

/// <summary>How a malformed packet contradicts itself (ring-format R-MAL-n).</summary>
public enum Malformation
{
    /// <summary>Not malformed.</summary>
    None,

    /// <summary>offset8 below 2 (R-MAL-3).</summary>
    Offset8BelowMinimum,

    /// <summary>len8 below offset8 (R-MAL-4).</summary>
    Len8BelowOffset8,

    /// <summary>A descriptor flag bit other than bit 0 (R-MAL-6).</summary>
    UndefinedFlagBits,

    /// <summary>A type outside {6, 7, 9, 10, 11} (R-MAL-7).</summary>
    UnknownType,

    /// <summary>GPA direct with no ranges (R-MAL-8).</summary>
    GpaWithoutRanges,

    /// <summary>Pipe header whose data size exceeds the bytes present (pipe profile, design §3).</summary>
    PipeSizeBeyondPayload,
}

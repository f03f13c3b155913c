namespace Vmb.Conformance.Rings;

/// <summary>Which ring-format §5 rule each fault breaks; null for faults a reader must accept.</summary>
internal static class RingFaults
{
    /// <summary>The rule a strict reader must name when it rejects <paramref name="fault"/>.</summary>
    public static string? RuleBroken(RingFault fault) => fault switch
    {
        RingFault.CorruptWriteIndex => "R-MAL-1",
        RingFault.Truncated => "R-MAL-2",
        RingFault.Offset8BelowTwo => "R-MAL-3",
        RingFault.Len8BelowOffset8 => "R-MAL-4",
        RingFault.MissingTrailer => "R-MAL-5",
        RingFault.UndefinedFlag => "R-MAL-6",
        RingFault.UnknownType => "R-MAL-7",
        RingFault.RangeTypeShortOffset or RingFault.GpaWithoutRanges => "R-MAL-8",
        _ => null,
    };

    /// <summary>
    /// True for the faults only a strict reader must reject (errata E-24): field strictness, not safety. A reader
    /// that does not declare strict-reader may return such a packet as written.
    /// </summary>
    public static bool StrictOnly(RingFault fault) =>
        fault is RingFault.Offset8BelowTwo or RingFault.UndefinedFlag or RingFault.UnknownType or RingFault.RangeTypeShortOffset or RingFault.GpaWithoutRanges;

    /// <summary>True when the fault makes the ring malformed.</summary>
    public static bool Malforms(RingFault fault) => RuleBroken(fault) is not null;
}

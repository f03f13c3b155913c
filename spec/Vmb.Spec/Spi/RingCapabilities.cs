namespace Vmb.Spec.Spi;

/// <summary>
/// What one side of a ring implementation declares about itself (D25). Each side — writer and reader — declares its
/// own set; a rule whose catalog entry depends on a capability applies only where a side declares it, and is
/// not-applicable on the report when no side does (D13). Names match the catalog's <c>depends</c> entries.
/// </summary>
[Flags]
public enum RingCapabilities
{
    /// <summary>Nothing optional: publishes on every operation, cannot revert, not strict.</summary>
    None = 0,

    /// <summary>Either side: publishes its index only in Commit, so several packets form one batch (R-RING-11).</summary>
    StagedPublication = 1 << 0,

    /// <summary>Either side: drops staged, unpublished work on Revert (R-RING-11); needs <see cref="StagedPublication"/>.</summary>
    Revert = 1 << 1,

    /// <summary>Reader: also rejects the field-strictness cases of ring-format §5 (unknown types, undefined flags, …; errata E-24).</summary>
    StrictReader = 1 << 2,

    /// <summary>Writer: sets pending_send_size when a packet does not fit and clears it once one does (R-SIG-4).</summary>
    SetsPendingSendSize = 1 << 3,

    /// <summary>Writer: creates fresh rings when asked to initialise (R-RING-12).</summary>
    CreatesRings = 1 << 4,

    /// <summary>Reader: has MaskInterrupts and UnmaskInterrupts (R-SIG-3).</summary>
    InterruptMaskApi = 1 << 5,
}

/// <summary>Which capabilities make sense on which side, and whether a declaration holds together.</summary>
public static class RingCapabilitySides
{
    /// <summary>Capabilities only a writer can declare.</summary>
    public const RingCapabilities WriterOnly = RingCapabilities.SetsPendingSendSize | RingCapabilities.CreatesRings;

    /// <summary>Capabilities only a reader can declare.</summary>
    public const RingCapabilities ReaderOnly = RingCapabilities.StrictReader | RingCapabilities.InterruptMaskApi;

    /// <summary>Why a writer/reader declaration does not hold together, or null when it does.</summary>
    public static string? Problem(RingCapabilities writer, RingCapabilities reader)
    {
        if ((writer & ReaderOnly) != 0) return $"the writer declares reader capabilities ({writer & ReaderOnly})";
        if ((reader & WriterOnly) != 0) return $"the reader declares writer capabilities ({reader & WriterOnly})";
        foreach (var (side, caps) in new[] { ("writer", writer), ("reader", reader) })
            if (caps.HasFlag(RingCapabilities.Revert) && !caps.HasFlag(RingCapabilities.StagedPublication))
                return $"the {side} declares Revert without StagedPublication: only staged work can be reverted";
        return null;
    }

    /// <summary>The declared capabilities as report lines, e.g. "writer: StagedPublication".</summary>
    public static IEnumerable<string> Names(string side, RingCapabilities capabilities) =>
        Enum.GetValues<RingCapabilities>().Where(c => c != RingCapabilities.None && capabilities.HasFlag(c)).Select(c => $"{side}: {c}");
}

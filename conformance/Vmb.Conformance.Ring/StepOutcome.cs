using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings;

/// <summary>
/// What one ring operation came to: the status the implementation returned, or what the harness did as the peer.
/// Checks compare these values, never text.
/// </summary>
public enum StepOutcome
{
    /// <summary>The writer published the packet.</summary>
    Written,

    /// <summary>The writer found no room.</summary>
    Full,

    /// <summary>The reader returned a packet.</summary>
    Packet,

    /// <summary>The reader found nothing to read.</summary>
    Empty,

    /// <summary>The reader's destination was too small for the next packet.</summary>
    BufferTooSmall,

    /// <summary>The reader rejected the next packet.</summary>
    Malformed,

    /// <summary>Commit returned.</summary>
    Committed,

    /// <summary>Revert returned.</summary>
    Reverted,

    /// <summary>MaskInterrupts returned.</summary>
    Masked,

    /// <summary>UnmaskInterrupts returned.</summary>
    Unmasked,

    /// <summary>The implementation refused a ring whose control page is corrupt.</summary>
    RingFormatError,

    /// <summary>The implementation threw something else.</summary>
    Threw,

    /// <summary>The operation needs a capability the side does not declare, so it was not asked (D25).</summary>
    Skipped,

    /// <summary>The peer wrote a packet.</summary>
    PeerWrote,

    /// <summary>The peer had no room to write.</summary>
    PeerFull,

    /// <summary>The peer read a packet.</summary>
    PeerRead,

    /// <summary>The peer found nothing to read.</summary>
    PeerEmpty,

    /// <summary>The peer found write_index out of range or unaligned.</summary>
    PeerSawCorruptW,

    /// <summary>The peer could not parse what the writer published.</summary>
    PeerUnparseable,

    /// <summary>The peer overwrote read_index.</summary>
    PeerCorruptedR,

    /// <summary>The peer set interrupt_mask.</summary>
    PeerMasked,

    /// <summary>The peer cleared interrupt_mask.</summary>
    PeerUnmasked,

    /// <summary>The peer set pending_send_size.</summary>
    PeerSetPending,

    /// <summary>The peer scribbled on bytes it owns.</summary>
    PeerClobbered,

    /// <summary>
    /// An out-of-process implementation answered that its code cannot write a packet of this shape: nothing was
    /// written, and the step counts as the implementation's inaction (like <see cref="Skipped"/>), never as a pass.
    /// </summary>
    Unsupported,
}

/// <summary>The outcomes of the SPI's statuses.</summary>
internal static class StepOutcomes
{
    public static StepOutcome Of(RingWriteStatus status) => status switch
    {
        RingWriteStatus.Written => StepOutcome.Written,
        RingWriteStatus.Full => StepOutcome.Full,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a ring write status"),
    };

    public static StepOutcome Of(RingReadStatus status) => status switch
    {
        RingReadStatus.Packet => StepOutcome.Packet,
        RingReadStatus.Empty => StepOutcome.Empty,
        RingReadStatus.BufferTooSmall => StepOutcome.BufferTooSmall,
        RingReadStatus.Malformed => StepOutcome.Malformed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a ring read status"),
    };
}

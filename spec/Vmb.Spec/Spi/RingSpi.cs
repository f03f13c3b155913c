using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Spec.Spi;

/// <summary>
/// Why a reader rejected the ring or a packet, or why a writer refused to trust a loaded index. Only the text is
/// required: errno-style code that reports a code and a log line meets every MUST with it (R-MAL-9, D25). The rest
/// is optional detail: naming the rule is its own SHOULD (R-MAL-16), and the location lets a harness tell that the
/// rejection is about the packet at the reader's own position (R-MAL-12).
/// </summary>
/// <param name="Message">One line for a person; required. A retry of the same rejection gives the same error (R-MAL-9).</param>
public sealed record RingError(string Message)
{
    /// <summary>The catalog ID of the rule the input broke (e.g. R-MAL-3), or null when the implementation does not name it.</summary>
    public string? RuleId { get; init; }

    /// <summary>The field judged, e.g. offset8 or write_index, or null.</summary>
    public string? Field { get; init; }

    /// <summary>Byte offset of that field in the data area (or control page, for index fields), or null.</summary>
    public long? RingOffset { get; init; }

    /// <summary>The offending value, or null.</summary>
    public long? Value { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Field is null ? "" : $"{Field}{(Value is { } v ? $" = {v}" : "")}{(RingOffset is { } o ? $" at ring offset {o}" : "")}: ";
        return $"{(RuleId is null ? "" : $"{RuleId}: ")}{where}{Message}";
    }
}

/// <summary>Raised where a ring error cannot be returned (e.g. attaching to a ring with corrupt indices).</summary>
public sealed class RingFormatException : Exception
{
    /// <summary>Wraps <paramref name="error"/>.</summary>
    public RingFormatException(RingError error) : base(error.ToString()) => Error = error;

    /// <summary>What is wrong.</summary>
    public RingError Error { get; }
}

/// <summary>Outcome of staging one packet.</summary>
public enum RingWriteStatus
{
    /// <summary>Staged; visible to the reader after <see cref="IRingWriter.Commit"/>.</summary>
    Written,

    /// <summary>Not enough room (free ≤ total, R-RING-7); nothing changed except pending_send_size (R-SIG-4).</summary>
    Full,
}

/// <summary>Outcome of reading one packet.</summary>
public enum RingReadStatus
{
    /// <summary>A packet was copied out and validated.</summary>
    Packet,

    /// <summary>W = R (R-RING-6).</summary>
    Empty,

    /// <summary>The packet is larger than the destination; nothing consumed; the required size is reported.</summary>
    BufferTooSmall,

    /// <summary>The ring is malformed; nothing consumed, the same error on every retry (R-MAL-9).</summary>
    Malformed,
}

/// <summary>One packet read by <see cref="IRingReader.TryRead"/>; its bytes (descriptor to padding) are at the start of the destination.</summary>
/// <param name="Descriptor">The validated copy of the descriptor (R-MAL-10).</param>
/// <param name="RingOffset">Where the packet starts in the data area.</param>
/// <param name="Length">Packet bytes copied, without the trailer (len8 × 8).</param>
public readonly record struct RingPacket(PacketDescriptor Descriptor, int RingOffset, int Length);

/// <summary>The writing side of one ring. Single producer: one caller at a time.</summary>
public interface IRingWriter
{
    /// <summary>Free bytes as the writer sees them, staged packets included (ring-format §1.2).</summary>
    int FreeBytes { get; }

    /// <summary>
    /// Stages one packet: descriptor, <paramref name="typeHeader"/> (multiple of 8), payload, zero padding,
    /// trailer (R-DESC-1…7). When it does not fit, returns Full and sets pending_send_size to its total (R-SIG-4);
    /// the next successful write clears it.
    /// </summary>
    RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload);

    /// <summary>Publishes every staged packet (R-RING-9); returns true when the reader must be signalled (R-SIG-1).</summary>
    bool Commit();

    /// <summary>Drops staged, unpublished packets (R-RING-11).</summary>
    void Revert();
}

/// <summary>The reading side of one ring. Single consumer: one caller at a time.</summary>
public interface IRingReader
{
    /// <summary>
    /// Copies the next unread packet into <paramref name="destination"/>, validates the copy (R-MAL-1…8, R-MAL-10),
    /// and on success stages its consumption. Every failure leaves the read index unchanged.
    /// </summary>
    RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize);

    /// <summary>Publishes the consumption of staged packets (R-RING-10); true when the writer must be signalled (R-SIG-5).</summary>
    bool Commit();

    /// <summary>Forgets staged consumption (R-RING-11).</summary>
    void Revert();

    /// <summary>Sets interrupt_mask while draining (R-SIG-3).</summary>
    void MaskInterrupts();

    /// <summary>Clears interrupt_mask, then checks once more; true when data arrived meanwhile (R-SIG-3).</summary>
    bool UnmaskInterrupts();
}

/// <summary>The ring-level plug-in: a bare reader/writer judged on the wire-format rules alone.</summary>
public interface IRingImplementation
{
    /// <summary>Implementation name for reports.</summary>
    string Name { get; }

    /// <summary>Implementation version for reports.</summary>
    string Version { get; }

    /// <summary>
    /// Attaches a writer to <paramref name="ring"/> (control page + data area). When <paramref name="initialize"/>
    /// is true the ring is created fresh (R-RING-12); otherwise indices are taken from the control page and
    /// validated (R-MAL-1), throwing <see cref="RingFormatException"/> on corruption.
    /// </summary>
    IRingWriter CreateWriter(MemoryRegion ring, bool initialize);

    /// <summary>Attaches a reader; indices are validated as for <see cref="CreateWriter"/>.</summary>
    IRingReader CreateReader(MemoryRegion ring);
}

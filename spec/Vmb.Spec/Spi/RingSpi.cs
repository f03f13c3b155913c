using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Spec.Spi;

/// <summary>Outcome of writing one packet.</summary>
public enum RingWriteStatus
{
    /// <summary>
    /// Accepted: staged until <see cref="IRingWriter.Commit"/> on a writer that declares
    /// <see cref="RingCapabilities.StagedPublication"/>, published already on any other writer.
    /// </summary>
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

/// <summary>
/// The writing side of one ring. Single producer: one caller at a time. The shape is neutral (D25): a writer that
/// declares <see cref="RingCapabilities.StagedPublication"/> publishes write_index only in <see cref="Commit"/>; any
/// other writer publishes inside each <see cref="TryWrite"/> and treats <see cref="Commit"/> as a no-op, each write
/// being a batch of one. Either way the writer decides inside the operation that publishes whether the reader must
/// be woken (R-SIG-1), and says so by calling the doorbell it was given at attach, after the store of write_index.
/// </summary>
public interface IRingWriter
{
    /// <summary>Free bytes as the writer sees them, unpublished packets included (ring-format §1.2).</summary>
    int FreeBytes { get; }

    /// <summary>
    /// Writes one packet: descriptor, <paramref name="typeHeader"/> (multiple of 8), payload, zero padding, trailer
    /// (R-DESC-1…7). When it does not fit, returns Full; a writer that declares
    /// <see cref="RingCapabilities.SetsPendingSendSize"/> then sets pending_send_size to at least its total and
    /// clears it on its next successful write (R-SIG-4). A corrupt read_index it loads is reported by throwing
    /// <see cref="RingFormatException"/> with nothing written (R-MAL-15).
    /// </summary>
    RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload);

    /// <summary>Publishes every staged packet (R-RING-9, R-RING-11) and rings the doorbell when R-SIG-1 asks; a no-op for a writer that does not stage.</summary>
    void Commit();

    /// <summary>Drops staged, unpublished packets (R-RING-11). Called only on a writer that declares <see cref="RingCapabilities.Revert"/>.</summary>
    void Revert();
}

/// <summary>
/// The reading side of one ring. Single consumer: one caller at a time. As for <see cref="IRingWriter"/>, a reader
/// that declares <see cref="RingCapabilities.StagedPublication"/> publishes read_index only in <see cref="Commit"/>;
/// any other reader publishes inside each successful <see cref="TryRead"/>. The room signal (R-SIG-5, R-SIG-7) is
/// decided in the operation that publishes and raised through the doorbell after the store of read_index.
/// </summary>
public interface IRingReader
{
    /// <summary>
    /// Copies the next unread packet into <paramref name="destination"/> and validates the copy (R-MAL-10): every
    /// reader rejects the safety cases of ring-format §5, a reader that declares
    /// <see cref="RingCapabilities.StrictReader"/> also the field-strictness cases (spec/errata.md E-24). A rejection
    /// returns Malformed with an error that has at least a message (R-MAL-9, R-MAL-16); it and every other failure
    /// leave the read index unchanged.
    /// </summary>
    RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize);

    /// <summary>Publishes the consumption of staged packets (R-RING-10) and rings the doorbell when R-SIG-5 asks; a no-op for a reader that does not stage.</summary>
    void Commit();

    /// <summary>Forgets staged consumption (R-RING-11). Called only on a reader that declares <see cref="RingCapabilities.Revert"/>.</summary>
    void Revert();

    /// <summary>Sets interrupt_mask while draining (R-SIG-3). Called only on a reader that declares <see cref="RingCapabilities.InterruptMaskApi"/>.</summary>
    void MaskInterrupts();

    /// <summary>
    /// Clears interrupt_mask, then checks once more; true when unread data is waiting (R-SIG-3). This is the
    /// reader's own re-check, not a signal. Called only on a reader that declares <see cref="RingCapabilities.InterruptMaskApi"/>.
    /// </summary>
    bool UnmaskInterrupts();
}

/// <summary>
/// The ring-level plug-in: a bare reader/writer judged on the wire-format rules alone. Every member maps to one
/// message of an out-of-process protocol: the declarations are read once, the two attach calls carry the ring
/// memory, and the doorbell is a message from the implementation to the harness sent during an operation.
/// </summary>
public interface IRingImplementation
{
    /// <summary>Implementation name for reports.</summary>
    string Name { get; }

    /// <summary>Implementation version for reports.</summary>
    string Version { get; }

    /// <summary>What the writer declares (D25); stamped on the report. Rules that need an undeclared capability are not-applicable.</summary>
    RingCapabilities WriterCapabilities { get; }

    /// <summary>What the reader declares (D25); stamped on the report.</summary>
    RingCapabilities ReaderCapabilities { get; }

    /// <summary>
    /// Attaches a writer to <paramref name="ring"/> (control page + data area). When <paramref name="initialize"/>
    /// is true the ring is created fresh (R-RING-12; only asked of a writer that declares
    /// <see cref="RingCapabilities.CreatesRings"/>); otherwise indices are taken from the control page and validated
    /// (R-RING-13, R-MAL-1), throwing <see cref="RingFormatException"/> on corruption. The writer calls
    /// <paramref name="signalReader"/> when it decides to wake the reader, inside the operation that decided it.
    /// </summary>
    IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader);

    /// <summary>Attaches a reader; indices are validated as for <see cref="CreateWriter"/>. The reader calls <paramref name="signalWriter"/> to wake the writer.</summary>
    IRingReader CreateReader(MemoryRegion ring, Action signalWriter);
}

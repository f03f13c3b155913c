using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring;

/// <summary>Writes completion packets (type 0xB) through any ring writer (R-CMP-1, R-CMPL-6).</summary>
public static class CompletionPacket
{
    /// <summary>
    /// Stages the completion of the request identified by <paramref name="transactionId"/>: flags 0, offset8 2,
    /// the id copied unchanged, <paramref name="payload"/> right after the descriptor and zero-padded to 8 bytes.
    /// Publish it with <see cref="IRingWriter.Commit"/>; a Full result leaves the ring unchanged (R-SIG-4 aside).
    /// </summary>
    public static RingWriteStatus TryWrite(IRingWriter writer, ulong transactionId, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.TryWrite(PacketType.Completion, 0, transactionId, ReadOnlySpan<byte>.Empty, payload);
    }
}

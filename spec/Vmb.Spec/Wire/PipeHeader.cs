using System.Buffers.Binary;

namespace Vmb.Spec.Wire;

/// <summary>The 8-byte pipe-mode header {u32 type, u32 data size} at the start of an in-band payload (D1).</summary>
public readonly record struct PipeHeader(uint Type, uint DataSize)
{
    /// <summary>Pipe message type for ordinary data.</summary>
    public const uint DataMessage = 1;

    /// <summary>Reads a pipe header from the first 8 payload bytes.</summary>
    public static PipeHeader Read(ReadOnlySpan<byte> payload) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(payload),
        BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]));

    /// <summary>Writes this header into the first 8 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Type);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], DataSize);
    }
}

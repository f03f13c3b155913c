using System.Buffers.Binary;

namespace Vmb.Spec.Wire;

/// <summary>The 8-byte trailer after each packet: u32 zero, then the packet's start offset (R-DESC-7).</summary>
public static class Trailer
{
    /// <summary>The trailer value as one little-endian u64: start offset shifted left by 32.</summary>
    public static ulong ValueFor(uint packetStart) => (ulong)packetStart << 32;

    /// <summary>Writes the trailer for a packet that starts at <paramref name="packetStart"/>.</summary>
    public static void Write(Span<byte> destination, uint packetStart) =>
        BinaryPrimitives.WriteUInt64LittleEndian(destination, ValueFor(packetStart));

    /// <summary>Reads a trailer as a u64 (diagnostics only: readers never act on it, R-MAL-11).</summary>
    public static ulong Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt64LittleEndian(source);
}

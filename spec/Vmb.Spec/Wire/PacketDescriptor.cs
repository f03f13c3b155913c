using System.Buffers.Binary;

namespace Vmb.Spec.Wire;

/// <summary>
/// The 16-byte descriptor at the start of every packet (R-DESC-2). Values are kept raw (type as u16) so
/// that malformed descriptors can be represented and reported.
/// </summary>
public readonly record struct PacketDescriptor(ushort Type, ushort Offset8, ushort Len8, ushort Flags, ulong TransactionId)
{
    /// <summary>True when flag bit 0 asks for a completion (R-CMPL-4).</summary>
    public bool CompletionRequested => (Flags & WireConstants.FlagCompletionRequested) != 0;

    /// <summary>Bytes from the packet start to the payload.</summary>
    public int DataOffset => Offset8 * WireConstants.Alignment;

    /// <summary>Packet bytes without the trailer.</summary>
    public int Length => Len8 * WireConstants.Alignment;

    /// <summary>Padded payload bytes, (len8 − offset8) × 8 (R-DESC-5); negative for a malformed descriptor.</summary>
    public int PayloadLength => Length - DataOffset;

    /// <summary>Bytes the packet occupies in the ring, trailer included.</summary>
    public int TotalLength => Length + WireConstants.TrailerSize;

    /// <summary>Reads a descriptor from the first 16 bytes of <paramref name="source"/>.</summary>
    public static PacketDescriptor Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt16LittleEndian(source),
        BinaryPrimitives.ReadUInt16LittleEndian(source[2..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[4..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));

    /// <summary>Writes this descriptor into the first 16 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Type);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], Offset8);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Len8);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], TransactionId);
    }

    /// <summary>
    /// The descriptor a correct writer produces for a packet with <paramref name="headerBytes"/> of type header
    /// (a multiple of 8) and <paramref name="payloadBytes"/> of payload (R-DESC-3, R-DESC-4).
    /// </summary>
    public static PacketDescriptor For(PacketType type, int headerBytes, int payloadBytes, ushort flags, ulong transactionId)
    {
        if (headerBytes % WireConstants.Alignment != 0)
            throw new ArgumentOutOfRangeException(nameof(headerBytes), headerBytes, "type header must be a multiple of 8 bytes");
        var dataOffset = WireConstants.DescriptorSize + headerBytes;
        var length = WireConstants.AlignUp(dataOffset + payloadBytes);
        if (length / WireConstants.Alignment > WireConstants.MaxLen8)
            throw new ArgumentOutOfRangeException(nameof(payloadBytes), payloadBytes, "packet exceeds the 524,280-byte wire limit (R-DESC-13)");
        return new((ushort)type, (ushort)(dataOffset / WireConstants.Alignment), (ushort)(length / WireConstants.Alignment), flags, transactionId);
    }
}

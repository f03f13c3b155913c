namespace Vmb.Conformance.Rings.Checks;

/// <summary>Compares packet bytes with the write they stand for, padding excluded (R-DESC-16: padding is not assumed zero).</summary>
internal static class PacketContent
{
    /// <summary>Null when descriptor, type header and payload match; else where the first difference is.</summary>
    public static string? Difference(RingOp op, byte[] bytes)
    {
        var image = RingPacketBytes.Image(op);
        var meaningful = RingPacketBytes.Descriptor(op).DataOffset + op.Payload;
        if (bytes.Length < meaningful) return $"only {bytes.Length} bytes, expected at least {meaningful}";
        for (var i = 0; i < meaningful; i++)
            if (bytes[i] != image[i]) return $"byte {i} of the packet is 0x{bytes[i]:x2}, written as 0x{image[i]:x2}";
        return null;
    }
}

namespace Vmb.Conformance.Rings.Checks;

/// <summary>Compares packet bytes with the write they stand for, padding excluded (R-DESC-16: padding is not assumed zero).</summary>
internal static class PacketContent
{
    /// <summary>Null when descriptor, type header and payload match; else where the first difference is.</summary>
    public static string? Difference(RingRun run, RingOp op, byte[] bytes)
    {
        // Several checks compare the same packets of a run with their images: each is made once per operation.
        var images = RunMemo.Of(run).Images;
        if (!images.TryGetValue(op, out var image)) images[op] = image = RingPacketBytes.Image(op);
        var meaningful = RingPacketBytes.Descriptor(op).DataOffset + op.Payload;
        if (bytes.Length < meaningful) return $"only {bytes.Length} bytes, expected at least {meaningful}";
        var i = bytes.AsSpan(0, meaningful).CommonPrefixLength(image.AsSpan(0, meaningful));
        return i == meaningful ? null : $"byte {i} of the packet is 0x{bytes[i]:x2}, written as 0x{image[i]:x2}";
    }
}

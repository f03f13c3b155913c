using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// A published packet in two versions over the same bytes, each a valid ring on its own: <em>whole</em>, one packet
/// of <see cref="Whole"/>; <em>split</em>, the same packet cut to <see cref="First"/>'s len8 and followed by
/// <see cref="Filler"/>, an in-band packet that ends where the whole one ends. <see cref="Image"/> holds both: the
/// split version's trailer and filler descriptor lie inside the whole packet's payload. The versions differ only in
/// the len8 byte of the first descriptor (len8 stays below 256, so no other byte of the word changes) and in the
/// last trailer, so a reader that fetches each byte once hands on exactly one version; a reader that validates one
/// and reads the other again hands on a mix (R-MAL-10).
/// </summary>
/// <param name="At">Where the packet starts in the data area.</param>
/// <param name="Whole">The descriptor of the whole version.</param>
/// <param name="First">The descriptor of the split version's first packet.</param>
/// <param name="Filler">The descriptor of the split version's second packet.</param>
/// <param name="Image">The whole packet's bytes without its trailer.</param>
public sealed record SwitchedPacket(int At, PacketDescriptor Whole, PacketDescriptor First, PacketDescriptor Filler, byte[] Image)
{
    /// <summary>Builds the two versions of <paramref name="op"/> (a write with <see cref="RingOp.Split"/> set) at <paramref name="at"/>.</summary>
    internal static SwitchedPacket Build(RingOp op, int at, int dataSize)
    {
        var image = RingPacketBytes.Image(op);
        var whole = PacketDescriptor.Read(image);
        if (op.Split < whole.Offset8 || op.Split > whole.Len8 - 3 || whole.Len8 > byte.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(op), op.Split, $"a split must lie between offset8 {whole.Offset8} and len8 {whole.Len8} - 3, with len8 below 256");
        var first = whole with { Len8 = (ushort)op.Split };
        var filler = new PacketDescriptor((ushort)PacketType.InBand, WireConstants.InBandOffset8, (ushort)(whole.Len8 - op.Split - 1), 0, ~op.Tid);
        Trailer.Write(image.AsSpan(first.Length), (uint)at);
        filler.Write(image.AsSpan(first.TotalLength));
        return new SwitchedPacket(at, whole, first, filler, image);
    }

    /// <summary>Where the split version's filler starts in a data area of <paramref name="dataSize"/> bytes.</summary>
    public int FillerAt(int dataSize) => (At + First.TotalLength) % dataSize;

    /// <summary>Where the last trailer lies (the whole packet's, or the filler's).</summary>
    public int TrailerAt(int dataSize) => (At + Whole.Length) % dataSize;

    /// <summary>The bytes a reader hands on for a packet with <paramref name="descriptor"/> at <paramref name="offset"/>, or null when neither version has one there.</summary>
    public byte[]? Expected(int offset, PacketDescriptor descriptor, int dataSize)
    {
        if (offset == At && descriptor == Whole) return Image;
        if (offset == At && descriptor == First)
        {
            var bytes = Image.AsSpan(0, First.Length).ToArray();
            First.Write(bytes);
            return bytes;
        }
        if (offset == FillerAt(dataSize) && descriptor == Filler) return Image.AsSpan(First.TotalLength, Filler.Length).ToArray();
        return null;
    }

    /// <summary>The first 8 descriptor bytes of the whole (true) or the split version, as one little-endian word.</summary>
    internal ulong HeadWord(bool whole)
    {
        var d = whole ? Whole : First;
        return d.Type | (ulong)d.Offset8 << 16 | (ulong)d.Len8 << 32 | (ulong)d.Flags << 48;
    }

    /// <summary>The last trailer of the whole (true) or the split version.</summary>
    internal ulong TrailerWord(bool whole, int dataSize) => Trailer.ValueFor((uint)(whole ? At : FillerAt(dataSize)));
}

using System.Buffers.Binary;
using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>
/// A ring in guarded native memory (see <see cref="GuardedMemory"/>) that tests can inspect and tamper with
/// byte by byte. Every test that uses it also checks INV-BOUNDS.
/// </summary>
internal sealed class TestRing : IDisposable
{
    private readonly GuardedMemory _buffer;

    public TestRing(int dataSize, int startIndex = 0)
    {
        DataSize = dataSize;
        _buffer = new GuardedMemory(RingLayout.RegionSize(dataSize));
        ControlPage.Write(Control, ControlPage.FeatureBitsOffset, ControlPage.FeaturePendingSendSize);
        SetIndices(startIndex, startIndex);
    }

    public int DataSize { get; }

    public MemoryRegion Region => _buffer.Region;

    public Span<byte> Control => Region.Span[..WireConstants.ControlPageSize];

    public Span<byte> Data => Region.Span[WireConstants.ControlPageSize..];

    public uint WriteIndex { get => Field(ControlPage.WriteIndexOffset); set => SetField(ControlPage.WriteIndexOffset, value); }

    public uint ReadIndex { get => Field(ControlPage.ReadIndexOffset); set => SetField(ControlPage.ReadIndexOffset, value); }

    public uint InterruptMask { get => Field(ControlPage.InterruptMaskOffset); set => SetField(ControlPage.InterruptMaskOffset, value); }

    public uint PendingSendSize { get => Field(ControlPage.PendingSendSizeOffset); set => SetField(ControlPage.PendingSendSizeOffset, value); }

    public uint FeatureBits { get => Field(ControlPage.FeatureBitsOffset); set => SetField(ControlPage.FeatureBitsOffset, value); }

    public void SetIndices(int write, int read)
    {
        WriteIndex = (uint)write;
        ReadIndex = (uint)read;
    }

    public RingWriter Writer() => new(Region, initialize: false);

    public RingReader Reader(bool cancel = false) => new(Region, cancel);

    public byte[] Snapshot() => Region.Span.ToArray();

    /// <summary>Copies raw bytes into the data area at <paramref name="offset"/>, wrapping at S.</summary>
    public void Place(int offset, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++) Data[(offset + i) % DataSize] = bytes[i];
    }

    /// <summary>Reads <paramref name="count"/> data-area bytes from <paramref name="offset"/>, wrapping at S.</summary>
    public byte[] Peek(int offset, int count)
    {
        var result = new byte[count];
        for (var i = 0; i < count; i++) result[i] = Data[(offset + i) % DataSize];
        return result;
    }

    /// <summary>Places a raw packet image at R and publishes W just past it (plus <paramref name="extraUsed"/>).</summary>
    public void Publish(ReadOnlySpan<byte> image, int extraUsed = 0)
    {
        var r = (int)ReadIndex;
        Place(r, image);
        WriteIndex = (uint)((r + image.Length + extraUsed) % DataSize);
    }

    public void Dispose() => _buffer.Dispose();

    private uint Field(int offset) => ControlPage.Read(Control, offset);

    private void SetField(int offset, uint value) => ControlPage.Write(Control, offset, value);
}

/// <summary>Builds raw packet images (descriptor, body, trailer) without going through the writer under test.</summary>
internal static class RawPacket
{
    /// <summary>A packet of <paramref name="len8"/> units whose bytes after the descriptor are <paramref name="body"/> (zero-filled), plus a trailer for <paramref name="start"/>.</summary>
    public static byte[] Build(ushort type, ushort offset8, ushort len8, ushort flags = 0, ulong id = 0x1234, ReadOnlySpan<byte> body = default, int start = 0)
    {
        var image = new byte[len8 * 8 + 8];
        new PacketDescriptor(type, offset8, len8, flags, id).Write(image);
        body.CopyTo(image.AsSpan(16));
        Trailer.Write(image.AsSpan(len8 * 8), (uint)start);
        return image;
    }

    /// <summary>Body bytes (from packet offset 16) of a type header: u32 at +0, range count at +4, then u32 pairs.</summary>
    public static byte[] RangeBody(uint first, uint count, params uint[] words)
    {
        var body = new byte[8 + 4 * words.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(body, first);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), count);
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8 + 4 * i), words[i]);
        return body;
    }
}

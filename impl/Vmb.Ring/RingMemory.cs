using System.Buffers.Binary;
using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Ring;

/// <summary>
/// Raw access to one ring region: volatile control fields and wrap-aware copies into and out of the data
/// area. Every access stays inside the control page or the data area (R-MAL-9, INV-BOUNDS).
/// </summary>
internal readonly unsafe struct RingMemory
{
    private readonly byte* _control;
    private readonly byte* _data;

    private RingMemory(byte* control, byte* data, int dataSize)
    {
        _control = control;
        _data = data;
        DataSize = dataSize;
    }

    /// <summary>S, the data area size.</summary>
    public int DataSize { get; }

    /// <summary>Checks the region's shape (R-RING-3) and describes it; throws on a region no ring can live in.</summary>
    public static RingMemory Over(MemoryRegion ring)
    {
        if (ring.Length < WireConstants.ControlPageSize)
            throw new ArgumentException($"ring region of {ring.Length} bytes is smaller than the 4096-byte control page (R-RING-1)", nameof(ring));
        var dataSize = ring.Length - WireConstants.ControlPageSize;
        if (RingLayout.CheckDataSize(dataSize) is { } why)
            throw new ArgumentException($"ring region of {ring.Length} bytes: {why} (R-RING-3)", nameof(ring));
        // Control fields are read and written as whole u32 units; misaligned ones would not be atomic.
        if (ring.Address % sizeof(ulong) != 0)
            throw new ArgumentException($"ring region address 0x{ring.Address:x} is not 8-byte aligned", nameof(ring));
        var control = (byte*)ring.Address;
        return new RingMemory(control, control + WireConstants.ControlPageSize, dataSize);
    }

    /// <summary>Plain (unordered) load of a control field.</summary>
    public uint Load(int fieldOffset) => FromLittleEndian(*(uint*)(_control + fieldOffset));

    /// <summary>Load with acquire semantics (R-SIG-9).</summary>
    public uint LoadAcquire(int fieldOffset) => FromLittleEndian(Volatile.Read(ref *(uint*)(_control + fieldOffset)));

    /// <summary>Store with release semantics (R-RING-9, R-RING-10).</summary>
    public void StoreRelease(int fieldOffset, uint value) => Volatile.Write(ref *(uint*)(_control + fieldOffset), FromLittleEndian(value));

    /// <summary>Zeroes a range of the control page (ring creation only, R-RING-12).</summary>
    public void ClearControl(int offset, int length) => new Span<byte>(_control + offset, length).Clear();

    /// <summary>Copies <paramref name="source"/> into the data area at <paramref name="offset"/>, wrapping at S; returns the offset after it.</summary>
    public int CopyIn(int offset, ReadOnlySpan<byte> source)
    {
        var first = Math.Min(source.Length, DataSize - offset);
        source[..first].CopyTo(new Span<byte>(_data + offset, first));
        if (first < source.Length)
        {
            var rest = source.Length - first;
            source[first..].CopyTo(new Span<byte>(_data, rest));
            return rest;
        }
        return Advance(offset, first);
    }

    /// <summary>Writes <paramref name="count"/> zero bytes at <paramref name="offset"/>, wrapping at S; returns the offset after them.</summary>
    public int Zero(int offset, int count)
    {
        var first = Math.Min(count, DataSize - offset);
        new Span<byte>(_data + offset, first).Clear();
        if (first < count)
        {
            new Span<byte>(_data, count - first).Clear();
            return count - first;
        }
        return Advance(offset, first);
    }

    /// <summary>Copies data-area bytes starting at <paramref name="offset"/> into <paramref name="destination"/>, wrapping at S.</summary>
    public void CopyOut(int offset, Span<byte> destination)
    {
        var first = Math.Min(destination.Length, DataSize - offset);
        new ReadOnlySpan<byte>(_data + offset, first).CopyTo(destination);
        if (first < destination.Length)
            new ReadOnlySpan<byte>(_data, destination.Length - first).CopyTo(destination[first..]);
    }

    /// <summary>Offset <paramref name="count"/> bytes after <paramref name="offset"/>, modulo S (count ≤ S).</summary>
    public int Advance(int offset, int count)
    {
        var next = offset + count;
        return next >= DataSize ? next - DataSize : next;
    }

    /// <summary>used = (W − R) mod S (ring-format §1.2); both indices already valid.</summary>
    public int Used(int write, int read) => write >= read ? write - read : DataSize - (read - write);

    private static uint FromLittleEndian(uint value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
}

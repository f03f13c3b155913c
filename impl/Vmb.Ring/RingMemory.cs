using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>Plain load of the 8 bytes at an 8-aligned data-area offset below S; such a word never wraps (R-RING-4).</summary>
    public ulong LoadWord(int offset) => FromLittleEndian(*(ulong*)(_data + offset));

    /// <summary>Plain store of 8 bytes at an 8-aligned data-area offset below S; such a word never wraps (R-RING-4).</summary>
    public void StoreWord(int offset, ulong value) => *(ulong*)(_data + offset) = FromLittleEndian(value);

    /// <summary>Copies <paramref name="source"/> into the data area at <paramref name="offset"/>, wrapping at S; returns the offset after it.</summary>
    public int CopyIn(int offset, ReadOnlySpan<byte> source)
    {
        var count = source.Length;
        var first = DataSize - offset;
        ref var from = ref MemoryMarshal.GetReference(source);
        // At most two copies: up to the end of the data area, then the rest from its start.
        if (count < first)
        {
            Unsafe.CopyBlockUnaligned(ref *(_data + offset), ref from, (uint)count);
            return offset + count;
        }
        Unsafe.CopyBlockUnaligned(ref *(_data + offset), ref from, (uint)first);
        Unsafe.CopyBlockUnaligned(ref *_data, ref Unsafe.Add(ref from, first), (uint)(count - first));
        return count - first;
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
        var count = destination.Length;
        var first = DataSize - offset;
        ref var to = ref MemoryMarshal.GetReference(destination);
        if (count <= first)
        {
            Unsafe.CopyBlockUnaligned(ref to, ref *(_data + offset), (uint)count);
            return;
        }
        Unsafe.CopyBlockUnaligned(ref to, ref *(_data + offset), (uint)first);
        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref to, first), ref *_data, (uint)(count - first));
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

    private static ulong FromLittleEndian(ulong value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
}

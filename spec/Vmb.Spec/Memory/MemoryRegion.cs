namespace Vmb.Spec.Memory;

/// <summary>
/// A raw region of memory (pointer + length) shared between two endpoints: pinned managed memory, native
/// memory, or a memory-mapped file view. The owner keeps it alive; this type only describes it.
/// </summary>
public readonly unsafe struct MemoryRegion
{
    /// <summary>Describes <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public MemoryRegion(nint address, int length)
    {
        if (address == 0 && length != 0) throw new ArgumentException("null address with a non-zero length", nameof(address));
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Address = address;
        Length = length;
    }

    /// <summary>First byte of the region.</summary>
    public nint Address { get; }

    /// <summary>Bytes in the region.</summary>
    public int Length { get; }

    /// <summary>The whole region as a span.</summary>
    public Span<byte> Span => new((void*)Address, Length);

    /// <summary>A sub-region.</summary>
    public MemoryRegion Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
            throw new ArgumentOutOfRangeException(nameof(offset), $"slice [{offset}, +{length}) outside a region of {Length} bytes");
        return new MemoryRegion(Address + offset, length);
    }
}

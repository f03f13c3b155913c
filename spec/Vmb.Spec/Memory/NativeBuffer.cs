using System.Runtime.InteropServices;

namespace Vmb.Spec.Memory;

/// <summary>Zeroed, page-aligned native memory that owns a <see cref="MemoryRegion"/>; freed on dispose.</summary>
public sealed unsafe class NativeBuffer : IDisposable
{
    private void* _memory;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes aligned to 4096.</summary>
    public NativeBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _memory = NativeMemory.AlignedAlloc((nuint)length, 4096);
        NativeMemory.Clear(_memory, (nuint)length);
        Region = new MemoryRegion((nint)_memory, length);
    }

    /// <summary>The owned region.</summary>
    public MemoryRegion Region { get; }

    /// <summary>The owned bytes.</summary>
    public Span<byte> Span => _memory == null ? throw new ObjectDisposedException(nameof(NativeBuffer)) : Region.Span;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_memory == null) return;
        NativeMemory.AlignedFree(_memory);
        _memory = null;
    }
}

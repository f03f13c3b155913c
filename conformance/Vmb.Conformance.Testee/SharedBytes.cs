using System.Buffers;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Testee;

/// <summary>A <see cref="Memory{T}"/> over bytes of the shared file, so what the harness writes there the testee sees (§13.5).</summary>
internal sealed unsafe class SharedBytes(MemoryRegion region) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => region.Span;

    public override MemoryHandle Pin(int elementIndex = 0) => new((byte*)region.Address + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }
}

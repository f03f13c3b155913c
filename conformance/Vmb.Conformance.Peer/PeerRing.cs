using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Peer;

/// <summary>
/// The engine's own view of one ring (control page + data area), with wrap-aware copies.
/// Deliberate duplication of ring logic (D16): the engine writes and reads rings with this small endpoint,
/// built only on Vmb.Spec's layout helpers, never on Vmb.Ring — an oracle must not share code with what it judges.
/// </summary>
internal sealed class PeerRing
{
    private readonly MemoryRegion _control;
    private readonly MemoryRegion _data;

    public PeerRing(MemoryRegion ring)
    {
        _control = RingLayout.ControlPage(ring);
        _data = RingLayout.DataArea(ring);
    }

    public int Size => _data.Length;

    public uint Read(int field) => ControlPage.Read(_control.Span, field);

    public void Write(int field, uint value) => ControlPage.Write(_control.Span, field, value);

    public uint WriteIndex { get => Read(ControlPage.WriteIndexOffset); set => Write(ControlPage.WriteIndexOffset, value); }

    public uint ReadIndex { get => Read(ControlPage.ReadIndexOffset); set => Write(ControlPage.ReadIndexOffset, value); }

    /// <summary>used = W ≥ R ? W − R : S − (R − W) (ring-format §1.2).</summary>
    public int Used(uint w, uint r) => w >= r ? (int)(w - r) : Size - (int)(r - w);

    public int Free(uint w, uint r) => Size - Used(w, r);

    public void CopyIn(int offset, ReadOnlySpan<byte> source)
    {
        var span = _data.Span;
        var first = Math.Min(source.Length, Size - offset);
        source[..first].CopyTo(span[offset..]);
        source[first..].CopyTo(span);
    }

    public void CopyOut(int offset, Span<byte> destination)
    {
        var span = _data.Span;
        var first = Math.Min(destination.Length, Size - offset);
        span.Slice(offset, first).CopyTo(destination);
        span[..(destination.Length - first)].CopyTo(destination[first..]);
    }

    public int Advance(int offset, int by) => (int)(((long)offset + by) % Size);
}

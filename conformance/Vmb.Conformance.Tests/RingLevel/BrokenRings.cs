using System.Buffers.Binary;
using Vmb.Ring;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.RingLevel;

/// <summary>
/// Small broken ring implementations: the reference ring with one bug each, so the tests can show that the
/// ring checks fail exactly the rule the bug breaks.
/// </summary>
internal sealed class BrokenRing(
    string name,
    Func<IRingWriter, MemoryRegion, IRingWriter>? writer = null,
    Func<IRingReader, MemoryRegion, IRingReader>? reader = null) : IRingImplementation
{
    private readonly ReferenceRing _inner = new();

    public string Name => $"broken-{name}";

    public string Version => "0";

    public IRingWriter CreateWriter(MemoryRegion ring, bool initialize)
    {
        var inner = _inner.CreateWriter(ring, initialize);
        return writer is null ? inner : writer(inner, ring);
    }

    public IRingReader CreateReader(MemoryRegion ring)
    {
        var inner = _inner.CreateReader(ring);
        return reader is null ? inner : reader(inner, ring);
    }

    /// <summary>R-DESC-7: overwrites each packet's trailer with the start offset plus 8.</summary>
    public static BrokenRing WrongTrailer() => new("wrong-trailer", writer: (w, r) => new WrongTrailerWriter(w, r));

    /// <summary>R-RING-2: keeps a private commit counter in the control page's last 8 bytes (as FreeBSD does).</summary>
    public static BrokenRing KeepsStateInControlPage() => new("keeps-state-in-control-page", writer: (w, r) => new CountingWriter(w, r));

    /// <summary>R-RING-7: takes a packet that exactly fills the free space (needs two writes: one packet never exceeds S − 8).</summary>
    public static BrokenRing FillsRing() => new("fills-ring", writer: (w, r) => new FillingWriter(w, r));

    /// <summary>R-SIG-1: asks for a signal on every commit.</summary>
    public static BrokenRing SignalsAlways() => new("signals-always", writer: (w, _) => new AlwaysSignallingWriter(w));

    /// <summary>R-MAL-3: like Linux, substitutes 2 for an offset8 below 2 and reads on.</summary>
    public static BrokenRing AcceptsSmallOffset8() => new("accepts-small-offset8", reader: (rd, r) => new Offset8PatchingReader(rd, r));

    /// <summary>R-MAL-9: reports a malformed packet once, then treats the ring as empty (skips it).</summary>
    public static BrokenRing SkipsMalformed() => new("skips-malformed", reader: (rd, _) => new SkippingReader(rd));

    /// <summary>R-SIG-7: lets interrupt_mask suppress the room signal.</summary>
    public static BrokenRing MaskGatesRoom() => new("mask-gates-room", reader: (rd, _) => new MaskGatedReader(rd));
}

/// <summary>Follows the writer's staged position from the totals it accepted.</summary>
internal abstract class TrackingWriter(IRingWriter inner, MemoryRegion ring) : IRingWriter
{
    protected readonly IRingWriter Inner = inner;
    protected Span<byte> Control => RingLayout.ControlPage(ring).Span;
    protected Span<byte> Data => RingLayout.DataArea(ring).Span;
    protected int Staged = (int)ControlPage.Read(RingLayout.ControlPage(ring).Span, ControlPage.WriteIndexOffset);
    private int _published = (int)ControlPage.Read(RingLayout.ControlPage(ring).Span, ControlPage.WriteIndexOffset);

    public int FreeBytes => Inner.FreeBytes;

    public virtual RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload)
    {
        var status = Inner.TryWrite(type, flags, transactionId, typeHeader, payload);
        if (status == RingWriteStatus.Written) Accepted(PacketDescriptor.For(type, typeHeader.Length, payload.Length, flags, transactionId));
        return status;
    }

    protected void Accepted(PacketDescriptor d)
    {
        OnWritten(Staged, d);
        Staged = (Staged + d.TotalLength) % Data.Length;
    }

    protected virtual void OnWritten(int start, PacketDescriptor descriptor) { }

    public virtual bool Commit()
    {
        _published = Staged;
        return Inner.Commit();
    }

    public void Revert()
    {
        Staged = _published;
        Inner.Revert();
    }
}

internal sealed class WrongTrailerWriter(IRingWriter inner, MemoryRegion ring) : TrackingWriter(inner, ring)
{
    protected override void OnWritten(int start, PacketDescriptor d) =>
        BinaryPrimitives.WriteUInt64LittleEndian(Data[((start + d.Length) % Data.Length)..], Trailer.ValueFor((uint)start + 8));
}

/// <summary>
/// Accepts a packet whose total equals the free space: when the reference refuses, it nudges the shared read_index
/// 8 bytes ahead for one more attempt and puts it back, so only W catching up with R is visible.
/// </summary>
internal sealed class FillingWriter(IRingWriter inner, MemoryRegion ring) : TrackingWriter(inner, ring)
{
    public override RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload)
    {
        var status = base.TryWrite(type, flags, transactionId, typeHeader, payload);
        var d = PacketDescriptor.For(type, typeHeader.Length, payload.Length, flags, transactionId);
        var r = ControlPage.Read(Control, ControlPage.ReadIndexOffset);
        var used = Staged >= r ? Staged - (int)r : Data.Length - ((int)r - Staged);
        if (status != RingWriteStatus.Full || Data.Length - used != d.TotalLength) return status;
        ControlPage.Write(Control, ControlPage.ReadIndexOffset, (uint)((r + 8) % Data.Length));
        status = Inner.TryWrite(type, flags, transactionId, typeHeader, payload);
        ControlPage.Write(Control, ControlPage.ReadIndexOffset, r);
        if (status == RingWriteStatus.Written) Accepted(d);
        return status;
    }
}

internal sealed class AlwaysSignallingWriter(IRingWriter inner) : IRingWriter
{
    public int FreeBytes => inner.FreeBytes;

    public RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload) =>
        inner.TryWrite(type, flags, transactionId, typeHeader, payload);

    public bool Commit()
    {
        inner.Commit();
        return true;
    }

    public void Revert() => inner.Revert();
}

/// <summary>A reader decorator that passes everything through unless a subclass intervenes.</summary>
internal abstract class PassThroughReader(IRingReader inner) : IRingReader
{
    protected readonly IRingReader Inner = inner;

    public virtual RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize) =>
        Inner.TryRead(destination, out packet, out error, out requiredSize);

    public virtual bool Commit() => Inner.Commit();

    public virtual void Revert() => Inner.Revert();

    public virtual void MaskInterrupts() => Inner.MaskInterrupts();

    public virtual bool UnmaskInterrupts() => Inner.UnmaskInterrupts();
}

internal sealed class Offset8PatchingReader(IRingReader inner, MemoryRegion ring) : PassThroughReader(inner)
{
    private readonly MemoryRegion _data = RingLayout.DataArea(ring);
    private int _position = (int)ControlPage.Read(RingLayout.ControlPage(ring).Span, ControlPage.ReadIndexOffset);
    private int _committed = (int)ControlPage.Read(RingLayout.ControlPage(ring).Span, ControlPage.ReadIndexOffset);

    public override RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize)
    {
        // type and offset8 are bytes 0–3 of the descriptor; 8-aligned, so they never straddle the wrap point.
        // Only in-band and completion packets are patched: 2 is the right offset8 for them alone.
        var head = _data.Span.Slice(_position, 4);
        if (BinaryPrimitives.ReadUInt16LittleEndian(head) is 0x6 or 0xB && BinaryPrimitives.ReadUInt16LittleEndian(head[2..]) < 2)
            BinaryPrimitives.WriteUInt16LittleEndian(head[2..], 2);
        var status = Inner.TryRead(destination, out packet, out error, out requiredSize);
        if (status == RingReadStatus.Packet) _position = (packet.RingOffset + packet.Length + WireConstants.TrailerSize) % _data.Length;
        return status;
    }

    public override bool Commit()
    {
        _committed = _position;
        return Inner.Commit();
    }

    public override void Revert()
    {
        _position = _committed;
        Inner.Revert();
    }
}

internal sealed class SkippingReader(IRingReader inner) : PassThroughReader(inner)
{
    private bool _reported;

    public override RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize)
    {
        var status = Inner.TryRead(destination, out packet, out error, out requiredSize);
        if (status != RingReadStatus.Malformed) return status;
        if (!_reported)
        {
            _reported = true;
            return status;
        }
        error = null;
        return RingReadStatus.Empty;
    }
}

internal sealed class MaskGatedReader(IRingReader inner) : PassThroughReader(inner)
{
    private bool _masked;

    public override bool Commit() => Inner.Commit() && !_masked;

    public override void MaskInterrupts()
    {
        _masked = true;
        Inner.MaskInterrupts();
    }

    public override bool UnmaskInterrupts()
    {
        _masked = false;
        return Inner.UnmaskInterrupts();
    }
}

internal sealed class CountingWriter(IRingWriter inner, MemoryRegion ring) : TrackingWriter(inner, ring)
{
    private ulong _commits;

    public override bool Commit()
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Control[(WireConstants.ControlPageSize - 8)..], ++_commits);
        return base.Commit();
    }
}

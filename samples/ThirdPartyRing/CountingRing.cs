using Vmb.Ring;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace ThirdParty;

/// <summary>
/// A third party's ring: the reference ring behind a decorator that counts the packets each side moved. It stands
/// for any <see cref="IRingImplementation"/> an author writes; the suite judges it only through the SPI, so it
/// declares its own name and version, and the capabilities of what it wraps (a side that declares more than it
/// does fails, one that declares less has those rules judged not-applicable).
/// </summary>
public sealed class CountingRing : IRingImplementation
{
    private readonly ReferenceRing _inner = new();

    /// <summary>Packets accepted by every writer this ring attached.</summary>
    public int Written { get; private set; }

    /// <summary>Packets handed out by every reader this ring attached.</summary>
    public int Read { get; private set; }

    public string Name => "third-party-counting-ring";

    public string Version => "1.0.0";

    public RingCapabilities WriterCapabilities => _inner.WriterCapabilities;

    public RingCapabilities ReaderCapabilities => _inner.ReaderCapabilities;

    public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) =>
        new Writer(_inner.CreateWriter(ring, initialize, signalReader), this);

    public IRingReader CreateReader(MemoryRegion ring, Action signalWriter) =>
        new Reader(_inner.CreateReader(ring, signalWriter), this);

    private sealed class Writer(IRingWriter inner, CountingRing owner) : IRingWriter
    {
        public int FreeBytes => inner.FreeBytes;

        public RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload)
        {
            var status = inner.TryWrite(type, flags, transactionId, typeHeader, payload);
            if (status == RingWriteStatus.Written) owner.Written++;
            return status;
        }

        public void Commit() => inner.Commit();

        public void Revert() => inner.Revert();
    }

    private sealed class Reader(IRingReader inner, CountingRing owner) : IRingReader
    {
        public RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize)
        {
            var status = inner.TryRead(destination, out packet, out error, out requiredSize);
            if (status == RingReadStatus.Packet) owner.Read++;
            return status;
        }

        public void Commit() => inner.Commit();

        public void Revert() => inner.Revert();

        public void MaskInterrupts() => inner.MaskInterrupts();

        public bool UnmaskInterrupts() => inner.UnmaskInterrupts();
    }
}

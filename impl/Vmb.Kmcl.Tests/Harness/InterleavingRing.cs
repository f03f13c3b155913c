using Vmb.Ring;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests.Harness;

/// <summary>
/// The reference ring with a hook in the channel's reader: <see cref="OnEmpty"/> runs once, the first time a
/// read finds the ring empty, so a test can place a peer write exactly between that read and the channel's
/// next step (a race the threaded environment hits only by luck).
/// </summary>
internal sealed class InterleavingRing : IRingImplementation
{
    private readonly ReferenceRing _inner = new(cancelSupported: true);

    public Action? OnEmpty { get; set; }

    public string Name => _inner.Name;

    public string Version => _inner.Version;

    public RingCapabilities WriterCapabilities => _inner.WriterCapabilities;

    public RingCapabilities ReaderCapabilities => _inner.ReaderCapabilities;

    public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) => _inner.CreateWriter(ring, initialize, signalReader);

    public IRingReader CreateReader(MemoryRegion ring, Action signalWriter) => new HookedReader(_inner.CreateReader(ring, signalWriter), this);

    private sealed class HookedReader(IRingReader inner, InterleavingRing owner) : IRingReader
    {
        public RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize)
        {
            var status = inner.TryRead(destination, out packet, out error, out requiredSize);
            if (status == RingReadStatus.Empty && owner.OnEmpty is { } hook)
            {
                owner.OnEmpty = null;
                hook();
            }
            return status;
        }

        public void Commit() => inner.Commit();

        public void Revert() => inner.Revert();

        public void MaskInterrupts() => inner.MaskInterrupts();

        public bool UnmaskInterrupts() => inner.UnmaskInterrupts();
    }
}

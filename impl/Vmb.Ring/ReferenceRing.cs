using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Ring;

/// <summary>The reference ring as a ring-level plug-in (<see cref="IRingImplementation"/>).</summary>
/// <param name="cancelSupported">Whether readers accept cancel packets (type 0xA, R-CMP-7).</param>
public sealed class ReferenceRing(bool cancelSupported = false) : IRingImplementation
{
    /// <inheritdoc />
    public string Name => "vmb-reference-ring";

    /// <inheritdoc />
    public string Version => "1.0.0";

    /// <summary>Capability: readers accept cancel packets (R-CMP-7).</summary>
    public bool CancelSupported => cancelSupported;

    /// <summary>Capability: the reader rejects every case of ring-format §5 (strict-reader).</summary>
    public bool StrictReader => true;

    /// <summary>Capability choice for R-SIG-8: the reader signals room (R-SIG-5) only when feature bit 0 is set.</summary>
    public bool RoomSignalRequiresFeatureBit => true;

    /// <summary>Capability: the writer uses pending_send_size when the ring is full (R-SIG-4).</summary>
    public bool WriterUsesPendingSendSize => true;

    /// <inheritdoc />
    public IRingWriter CreateWriter(MemoryRegion ring, bool initialize) => new RingWriter(ring, initialize);

    /// <inheritdoc />
    public IRingReader CreateReader(MemoryRegion ring) => new RingReader(ring, cancelSupported);
}

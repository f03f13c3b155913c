using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Ring;

/// <summary>The reference ring as a ring-level plug-in (<see cref="IRingImplementation"/>).</summary>
/// <param name="cancelSupported">Whether readers accept cancel packets (type 0xA, R-CMP-7).</param>
/// <param name="strictReader">
/// False gives a lenient reader like Linux's (errata E-24): undefined flags and unknown types pass, and the reader
/// does not declare <see cref="RingCapabilities.StrictReader"/>.
/// </param>
public sealed class ReferenceRing(bool cancelSupported = false, bool strictReader = true) : IRingImplementation
{
    /// <inheritdoc />
    public string Name => "vmb-reference-ring";

    /// <inheritdoc />
    public string Version => "1.0.0";

    /// <summary>Capability: readers accept cancel packets (R-CMP-7).</summary>
    public bool CancelSupported => cancelSupported;

    /// <summary>Capability choice for R-SIG-8: the reader signals room (R-SIG-5) only when feature bit 0 is set.</summary>
    public bool RoomSignalRequiresFeatureBit => true;

    /// <inheritdoc />
    /// <remarks>Stages until Commit and can revert (R-RING-11), uses pending_send_size (R-SIG-4), creates rings (R-RING-12).</remarks>
    public RingCapabilities WriterCapabilities =>
        RingCapabilities.StagedPublication | RingCapabilities.Revert | RingCapabilities.SetsPendingSendSize | RingCapabilities.CreatesRings;

    /// <inheritdoc />
    /// <remarks>Stages until Commit and can revert (R-RING-11), has the mask API (R-SIG-3), and unless built lenient rejects every case of ring-format §5.</remarks>
    public RingCapabilities ReaderCapabilities =>
        RingCapabilities.StagedPublication | RingCapabilities.Revert | RingCapabilities.InterruptMaskApi | (strictReader ? RingCapabilities.StrictReader : RingCapabilities.None);

    /// <inheritdoc />
    public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) => new RingWriter(ring, initialize, signalReader);

    /// <inheritdoc />
    public IRingReader CreateReader(MemoryRegion ring, Action signalWriter) => new RingReader(ring, cancelSupported, signalWriter, strictReader);
}

using Vmb.Spec.Spi;

namespace Vmb.Kmcl;

/// <summary>How the reference channel frames packets and which ring code it runs on.</summary>
public sealed class KmclOptions
{
    /// <summary>The framing profile every channel of this implementation speaks (D1, D2).</summary>
    public FramingProfile Profile { get; init; } = FramingProfile.Raw;

    /// <summary>Whether transfer-page packets (0x7) carry the EXTERNAL_DATA flag (D3); the reference says yes.</summary>
    public bool TransferPagesAreExternalData { get; init; } = true;

    /// <summary>
    /// The ring reader/writer the channel runs on; null means the reference ring of Vmb.Ring (accepting
    /// cancel packets, so they are consumed and reported, D9).
    /// Another ring lets the channel be combined with a ring under test.
    /// </summary>
    public IRingImplementation? Ring { get; init; }

    /// <summary>
    /// Whether the channel creates the outgoing ring fresh (it is that ring's writer, R-RING-12) or attaches
    /// to a ring already in use and takes its indices from the control page.
    /// </summary>
    public bool InitializeOutgoingRing { get; init; } = true;

    /// <summary>Packets read before the channel publishes its read index within one run (R-RING-11).</summary>
    public int ReadCommitBatch { get; init; } = 32;
}

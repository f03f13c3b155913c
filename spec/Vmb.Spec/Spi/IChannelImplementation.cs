using System.Text.Json.Serialization;

namespace Vmb.Spec.Spi;

/// <summary>How Buffer and BufferLength are framed (D1, D2).</summary>
public enum FramingProfile
{
    /// <summary>No extra header; BufferLength is the padded payload length (R-PP-7).</summary>
    Raw,

    /// <summary>Each in-band payload starts with the pipe header; BufferLength is its data size (R-PP-8).</summary>
    Pipe,
}

/// <summary>Optional behaviour an implementation declares; an absent capability makes its rules not applicable (D13).</summary>
[Flags]
public enum ChannelCapabilities
{
    /// <summary>Nothing optional.</summary>
    None = 0,

    /// <summary>Transfer-page packets (0x7) carry the EXTERNAL_DATA flag (D3).</summary>
    TransferPagesAreExternalData = 1 << 0,

    /// <summary>Ex callback registration with a context (R-CTX-1, R-CTX-2).</summary>
    ExCallbacks = 1 << 1,

    /// <summary>Per-packet client context (R-CTX-3, R-CTX-4).</summary>
    ClientContext = 1 << 2,

    /// <summary>SetIncomingProcessingAtPassive (R-PAS-1).</summary>
    PassiveProcessing = 1 << 3,

    /// <summary>SetTransactionQuota (R-QUO-2…4).</summary>
    TransactionQuota = 1 << 4,

    /// <summary>Pause and Start (R-PAUSE-3, R-PAUSE-7, R-PAUSE-8).</summary>
    PauseStart = 1 << 5,

    /// <summary>GetExternalData returns views, including PENDING (R-EXT-7…16).</summary>
    ExternalData = 1 << 6,

    /// <summary>DeferToPassive (R-DEF-1…4).</summary>
    DeferToPassive = 1 << 7,

    /// <summary>Reports client misuse to the observer and raises <see cref="ContractViolationException"/> (R-MIS-n, D12).</summary>
    MisuseDetection = 1 << 8,

    /// <summary>Counts re-presentations after Defer or PENDING against the quota (D7).</summary>
    QuotaCountsRepresentations = 1 << 9,

    /// <summary>Understands cancel packets (0xA, R-CMP-7).</summary>
    CancelPackets = 1 << 10,
}

/// <summary>What an implementation says about itself; stamped on every report (D21).</summary>
public sealed record ImplementationInfo(string Name, string Version, FramingProfile Profile, ChannelCapabilities Capabilities)
{
    /// <summary>True when <paramref name="capability"/> is declared.</summary>
    public bool Has(ChannelCapabilities capability) => (Capabilities & capability) == capability;

    /// <summary>Ring level: what the implementation's writer declares (D25); None at the channel level, and then left out of serialised runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public RingCapabilities RingWriter { get; init; }

    /// <summary>Ring level: what the implementation's reader declares (D25); None at the channel level, and then left out of serialised runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public RingCapabilities RingReader { get; init; }
}

/// <summary>
/// The channel-level plug-in: the one thing a .NET implementation provides to be judged. The engine meets
/// every implementation, the reference included, only through this interface.
/// </summary>
public interface IChannelImplementation
{
    /// <summary>Name, version, framing profile and capabilities.</summary>
    ImplementationInfo Info { get; }

    /// <summary>VmbChannelAllocate: a new channel in the Disabled state over the given rings and memory.</summary>
    IVmbChannel Allocate(ChannelSetup setup);
}

using Vmb.Ring;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl;

/// <summary>The reference KMCL channel as a plug-in: the executable meaning of the incoming-packet contract.</summary>
public sealed class ReferenceChannelImplementation : IChannelImplementation
{
    /// <summary>The name every report carries for this implementation (D21).</summary>
    public const string ImplementationName = "vmb-reference-kmcl";

    private readonly KmclOptions _options;
    private readonly IRingImplementation _ring;

    /// <summary>Creates the implementation; <paramref name="options"/> defaults to the raw profile.</summary>
    public ReferenceChannelImplementation(KmclOptions? options = null)
    {
        _options = options ?? new KmclOptions();
        if (_options.ReadCommitBatch < 1) throw new ArgumentOutOfRangeException(nameof(options), _options.ReadCommitBatch, "ReadCommitBatch must be at least 1");
        _ring = _options.Ring ?? DefaultRing();
        var capabilities = ChannelCapabilities.ExCallbacks | ChannelCapabilities.ClientContext | ChannelCapabilities.PassiveProcessing
            | ChannelCapabilities.TransactionQuota | ChannelCapabilities.PauseStart | ChannelCapabilities.ExternalData
            | ChannelCapabilities.DeferToPassive | ChannelCapabilities.MisuseDetection;
        if (_options.TransferPagesAreExternalData) capabilities |= ChannelCapabilities.TransferPagesAreExternalData;
        Info = new ImplementationInfo(ImplementationName, typeof(ReferenceChannelImplementation).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            _options.Profile, capabilities);
    }

    /// <inheritdoc />
    public ImplementationInfo Info { get; }

    /// <inheritdoc />
    public IVmbChannel Allocate(ChannelSetup setup) => new KmclChannel(setup, _options, _ring);

    // The reader accepts cancel packets so that incoming 0xA is consumed and reported rather than
    // treated as corrupt (D9); the channel never acts on them, so CancelPackets is not declared.
    private static IRingImplementation DefaultRing() => new ReferenceRing(cancelSupported: true);
}

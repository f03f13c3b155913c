namespace Vmb.Spec.Spi;

/// <summary>
/// EvtVmbChannelProcessPacket. <paramref name="buffer"/> holds the payload only (R-PP-5, D2) and is valid
/// until the packet is answered (R-CMPL-7); <paramref name="bufferLength"/> is its byte count (R-PP-6);
/// <paramref name="flags"/> uses only the EXTERNAL_DATA bit (R-PP-9). Runs at or below DISPATCH_LEVEL (R-PP-11).
/// </summary>
public delegate void ProcessPacketCallback(IVmbChannel channel, VmbPacket packet, ReadOnlySpan<byte> buffer, uint bufferLength, uint flags);

/// <summary>EvtVmbChannelProcessPacketEx: as <see cref="ProcessPacketCallback"/>, plus the registration context (R-CTX-1).</summary>
public delegate void ProcessPacketExCallback(IVmbChannel channel, object? callbackContext, VmbPacket packet, ReadOnlySpan<byte> buffer, uint bufferLength, uint flags);

/// <summary>EvtVmbChannelProcessingComplete: after the last packet of a run returned, with the run's count (R-PP-18, R-SYNC-3).</summary>
public delegate void ProcessingCompleteCallback(IVmbChannel channel, uint packetsProcessed);

/// <summary>EvtVmbChannelProcessingCompleteEx (R-CTX-1).</summary>
public delegate void ProcessingCompleteExCallback(IVmbChannel channel, object? callbackContext, uint packetsProcessed);

/// <summary>
/// State-change callbacks (EVT_VMB_CHANNEL_*), all at PASSIVE_LEVEL (R-LIFE-19). Bring-up order is
/// Opened → Started → intake → PostStarted (R-LIFE-7); Started and Suspend alternate (R-LIFE-18).
/// Every member is optional.
/// </summary>
public sealed class StateChangeCallbacks
{
    /// <summary>The channel opened; a failure status rolls it back to a state with no traffic (R-LIFE-5).</summary>
    public Func<IVmbChannel, int>? Opened { get; init; }

    /// <summary>Intake is about to be enabled; no ProcessPacket before this returns (R-LIFE-8).</summary>
    public Action<IVmbChannel>? Started { get; init; }

    /// <summary>Intake has been enabled (R-LIFE-10).</summary>
    public Action<IVmbChannel>? PostStarted { get; init; }

    /// <summary>Intake stops; no ProcessPacket running or pending from here until the next Started (R-LIFE-11, R-SYNC-4).</summary>
    public Action<IVmbChannel>? Suspend { get; init; }

    /// <summary>The channel closed (R-LIFE-15).</summary>
    public Action<IVmbChannel>? Closed { get; init; }
}

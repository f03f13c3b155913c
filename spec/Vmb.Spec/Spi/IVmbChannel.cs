namespace Vmb.Spec.Spi;

/// <summary>
/// VMBCHANNEL: one channel as the client sees it. A new channel is Disabled; every Init* call is allowed
/// only then and otherwise returns STATUS_INVALID_PARAMETER_1 (R-LIFE-1, R-LIFE-2). Waiting operations
/// complete asynchronously so a deterministic environment never blocks (D17).
/// </summary>
public interface IVmbChannel
{
    /// <summary>VmbChannelInitSetProcessPacketCallbacks; the process-packet callback is required (R-LIFE-3); last registration wins (R-CTX-2).</summary>
    int InitSetProcessPacketCallbacks(ProcessPacketCallback? processPacket, ProcessingCompleteCallback? processingComplete);

    /// <summary>VmbChannelInitSetProcessPacketCallbacksEx; replaces a legacy registration (R-CTX-2).</summary>
    int InitSetProcessPacketCallbacksEx(object? callbackContext, ProcessPacketExCallback? processPacket, ProcessingCompleteExCallback? processingComplete);

    /// <summary>VmbChannelInitSetClientContextSize (R-CTX-3).</summary>
    int InitSetClientContextSize(uint contextSize);

    /// <summary>VmbChannelInitSetStateChangeCallbacks.</summary>
    int InitSetStateChangeCallbacks(StateChangeCallbacks callbacks);

    /// <summary>
    /// Registers a transfer page set (an earlier-established GPADL) that type-0x7 packets name by id (D18):
    /// its bytes are the listed guest pages, concatenated.
    /// </summary>
    int InitSetTransferPageSet(ushort pageSetId, IReadOnlyList<ulong> pageNumbers);

    /// <summary>VmbChannelSetIncomingProcessingAtPassive (R-PAS-1, R-PAS-2).</summary>
    void SetIncomingProcessingAtPassive(bool requirePassive);

    /// <summary>VmbChannelSetTransactionQuota; 0 is refused (R-QUO-1); never wakes intake by itself (R-QUO-4).</summary>
    void SetTransactionQuota(uint quota);

    /// <summary>VmbChannelEnable: returns at once (R-LIFE-4); bring-up callbacks follow on the environment.</summary>
    int Enable();

    /// <summary>VmbChannelDisable: completes once the channel is paused and closed (R-LIFE-16).</summary>
    Task Disable();

    /// <summary>VmbChannelPause: completes once Suspend was delivered and nothing is outstanding (R-PAUSE-3).</summary>
    Task Pause();

    /// <summary>VmbChannelStart: Started → intake → PostStarted (R-PAUSE-7).</summary>
    void Start();

    /// <summary>The opposite endpoint's doorbell: new incoming data, or room on the outgoing ring (R-SIG-10: a hint).</summary>
    void Signal();

    /// <summary>The bus reports that the opposite endpoint closed the channel (D19): Suspend then Closed follow.</summary>
    void NotifyPeerClosed();
}

using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee;

/// <summary>
/// What a callback's channel argument is when the testee passed a channel the harness never allocated (R-PP-3): an
/// object that is not the client's channel, so the client sees the mismatch; calling it is a harness mistake.
/// </summary>
internal sealed class ForeignChannel(ulong handle) : IVmbChannel
{
    private InvalidOperationException Unknown() => new($"channel 0x{handle:X16} was never allocated by the harness");

    public int InitSetProcessPacketCallbacks(ProcessPacketCallback? processPacket, ProcessingCompleteCallback? processingComplete) => throw Unknown();
    public int InitSetProcessPacketCallbacksEx(object? callbackContext, ProcessPacketExCallback? processPacket, ProcessingCompleteExCallback? processingComplete) => throw Unknown();
    public int InitSetClientContextSize(uint contextSize) => throw Unknown();
    public int InitSetStateChangeCallbacks(StateChangeCallbacks callbacks) => throw Unknown();
    public int InitSetTransferPageSet(ushort pageSetId, IReadOnlyList<ulong> pageNumbers) => throw Unknown();
    public void SetIncomingProcessingAtPassive(bool requirePassive) => throw Unknown();
    public void SetTransactionQuota(uint quota) => throw Unknown();
    public int Enable() => throw Unknown();
    public Task Disable() => throw Unknown();
    public Task Pause() => throw Unknown();
    public void Start() => throw Unknown();
    public void Signal() => throw Unknown();
    public void NotifyPeerClosed() => throw Unknown();
}

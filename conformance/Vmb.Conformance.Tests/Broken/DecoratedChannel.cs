using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Broken;

/// <summary>
/// A channel that forwards everything to an inner channel; subclasses replace the client's packet callbacks
/// to plant one bug. Works over any IChannelImplementation, so it proves the checks, not the reference.
/// </summary>
public abstract class DecoratedChannel(IVmbChannel inner) : IVmbChannel
{
    protected IVmbChannel Inner { get; } = inner;

    /// <summary>Wraps the client's (Ex-shaped) process-packet callback.</summary>
    protected abstract ProcessPacketExCallback WrapPacket(ProcessPacketExCallback client);

    /// <summary>Wraps the client's processing-complete callback; unchanged by default.</summary>
    protected virtual ProcessingCompleteExCallback? WrapComplete(ProcessingCompleteExCallback? client) => client;

    public int InitSetProcessPacketCallbacks(ProcessPacketCallback? processPacket, ProcessingCompleteCallback? processingComplete)
    {
        if (processPacket is null) return Inner.InitSetProcessPacketCallbacks(null, processingComplete);
        var packet = WrapPacket((ch, _, p, b, l, f) => processPacket(this, p, b, l, f));
        var complete = WrapComplete(processingComplete is null ? null : (ch, _, n) => processingComplete(this, n));
        return Inner.InitSetProcessPacketCallbacks((ch, p, b, l, f) => packet(ch, null, p, b, l, f), complete is null ? null : (ch, n) => complete(ch, null, n));
    }

    public int InitSetProcessPacketCallbacksEx(object? callbackContext, ProcessPacketExCallback? processPacket, ProcessingCompleteExCallback? processingComplete)
    {
        if (processPacket is null) return Inner.InitSetProcessPacketCallbacksEx(callbackContext, null, processingComplete);
        var packet = WrapPacket((ch, ctx, p, b, l, f) => processPacket(this, ctx, p, b, l, f));
        var complete = WrapComplete(processingComplete is null ? null : (ch, ctx, n) => processingComplete(this, ctx, n));
        return Inner.InitSetProcessPacketCallbacksEx(callbackContext, packet, complete);
    }

    public int InitSetClientContextSize(uint contextSize) => Inner.InitSetClientContextSize(contextSize);
    public int InitSetStateChangeCallbacks(StateChangeCallbacks callbacks) => Inner.InitSetStateChangeCallbacks(callbacks);
    public int InitSetTransferPageSet(ushort pageSetId, IReadOnlyList<ulong> pageNumbers) => Inner.InitSetTransferPageSet(pageSetId, pageNumbers);
    public void SetIncomingProcessingAtPassive(bool requirePassive) => Inner.SetIncomingProcessingAtPassive(requirePassive);
    public void SetTransactionQuota(uint quota) => Inner.SetTransactionQuota(quota);
    public int Enable() => Inner.Enable();
    public Task Disable() => Inner.Disable();
    public Task Pause() => Inner.Pause();
    public void Start() => Inner.Start();
    public virtual void Signal() => Inner.Signal();
    public void NotifyPeerClosed() => Inner.NotifyPeerClosed();
}

/// <summary>An implementation whose channels are decorated by <paramref name="decorate"/>; declares what the inner one declares.</summary>
public sealed class DecoratedImplementation(IChannelImplementation inner, string bug, Func<IVmbChannel, IVmbChannel> decorate) : IChannelImplementation
{
    public ImplementationInfo Info { get; } = inner.Info with { Name = $"{inner.Info.Name}+{bug}" };

    public IVmbChannel Allocate(ChannelSetup setup) => decorate(inner.Allocate(setup));
}

using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Broken;

/// <summary>
/// Breaks R-CMPL-1 only: a packet the client completed inside the callback is presented once more, right away,
/// through the same handle (failed packets are left alone, so R-FAIL-2 is not touched). Processing-complete counts the extra call, so no other rule notices.
/// </summary>
public sealed class PresentsAnsweredPacketAgain(IVmbChannel inner) : DecoratedChannel(inner)
{
    private int _extra;

    public static IChannelImplementation Over(IChannelImplementation inner) =>
        new DecoratedImplementation(inner, "presents-answered-packet-again", c => new PresentsAnsweredPacketAgain(c));

    protected override ProcessPacketExCallback WrapPacket(ProcessPacketExCallback client) => (channel, context, packet, buffer, length, flags) =>
    {
        var watched = new AnswerWatcher(packet);
        client(channel, context, watched, buffer, length, flags);
        if (!watched.Answered) return;
        Interlocked.Increment(ref _extra);
        client(channel, context, watched, buffer, length, flags);
    };

    protected override ProcessingCompleteExCallback? WrapComplete(ProcessingCompleteExCallback? client) =>
        client is null ? null : (channel, context, n) => client(channel, context, n + (uint)Interlocked.Exchange(ref _extra, 0));

    /// <summary>Forwards to the real handle and notes whether the packet was answered.</summary>
    private sealed class AnswerWatcher(IVmbPacket inner) : IVmbPacket
    {
        public bool Answered { get; private set; }
        public void Complete(ReadOnlySpan<byte> completionBuffer) { inner.Complete(completionBuffer); Answered = true; }
        public void Fail() => inner.Fail();
        public void DeferToPassive() => inner.DeferToPassive();
        public int GetExternalData(uint flags, out IExternalDataView? view) => inner.GetExternalData(flags, out view);
        public Memory<byte> GetClientContext() => inner.GetClientContext();
    }
}

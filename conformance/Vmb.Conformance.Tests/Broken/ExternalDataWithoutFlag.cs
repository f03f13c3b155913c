using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Broken;

/// <summary>
/// Breaks "external data only when flagged" (R-EXT-5): GetExternalData on a packet without EXTERNAL_DATA
/// succeeds with an empty view. The call still reaches the real channel first, so its diagnostics are unchanged.
/// </summary>
public sealed class ExternalDataWithoutFlag(IVmbChannel inner) : DecoratedChannel(inner)
{
    public static IChannelImplementation Over(IChannelImplementation inner) =>
        new DecoratedImplementation(inner, "external-data-without-flag", c => new ExternalDataWithoutFlag(c));

    protected override ProcessPacketExCallback WrapPacket(ProcessPacketExCallback client) => (channel, context, packet, buffer, length, flags) =>
        client(channel, context, (flags & KmclFlags.ProcessPacketExternalData) == 0 ? new Lenient(packet) : packet, buffer, length, flags);

    private sealed class Lenient(IVmbPacket inner) : IVmbPacket
    {
        public void Complete(ReadOnlySpan<byte> completionBuffer) => inner.Complete(completionBuffer);
        public void Fail() => inner.Fail();
        public void DeferToPassive() => inner.DeferToPassive();
        public Memory<byte> GetClientContext() => inner.GetClientContext();

        public int GetExternalData(uint flags, out IExternalDataView? view)
        {
            var status = inner.GetExternalData(flags, out view);
            if (NtStatus.IsSuccess(status)) return status;
            view = new EmptyView((flags & KmclFlags.ExternalDataReadOnly) != 0);
            return NtStatus.Success;
        }
    }

    private sealed class EmptyView(bool readOnly) : IExternalDataView
    {
        public bool IsReadOnly => readOnly;
        public IReadOnlyList<GpaRange> Ranges => [];
        public long Length => 0;
        public void Read(long offset, Span<byte> destination) { }
        public void Write(long offset, ReadOnlySpan<byte> source) { }
    }
}

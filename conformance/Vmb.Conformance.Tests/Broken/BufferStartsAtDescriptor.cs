using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Broken;

/// <summary>
/// Breaks "lengths exclude headers" (R-PP-5 and the profile's length rule): Buffer starts at a 16-byte
/// descriptor in front of the payload and BufferLength counts it.
/// </summary>
public sealed class BufferStartsAtDescriptor(IVmbChannel inner) : DecoratedChannel(inner)
{
    public static IChannelImplementation Over(IChannelImplementation inner) =>
        new DecoratedImplementation(inner, "buffer-starts-at-descriptor", c => new BufferStartsAtDescriptor(c));

    protected override ProcessPacketExCallback WrapPacket(ProcessPacketExCallback client) => (channel, context, packet, buffer, length, flags) =>
    {
        var framed = new byte[WireConstants.DescriptorSize + buffer.Length];
        PacketDescriptor.For(PacketType.InBand, 0, buffer.Length, 0, 0).Write(framed);
        buffer.CopyTo(framed.AsSpan(WireConstants.DescriptorSize));
        client(channel, context, packet, framed, length + WireConstants.DescriptorSize, flags);
    };
}

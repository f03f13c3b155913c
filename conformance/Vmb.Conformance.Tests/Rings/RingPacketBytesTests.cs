using Vmb.Conformance.Rings;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>The oracle's packet bytes: lengths computed without building, and the payload pattern byte by byte.</summary>
public sealed class RingPacketBytesTests
{
    public static TheoryData<PacketType, int, int> Ops() => new()
    {
        { PacketType.InBand, 0, 0 }, { PacketType.InBand, 0, 1 }, { PacketType.InBand, 0, 255 }, { PacketType.InBand, 0, 256 },
        { PacketType.InBand, 0, 257 }, { PacketType.InBand, 0, 1000 }, { PacketType.InBand, 0, 65_000 },
        { PacketType.TransferPages, 0, 3 }, { PacketType.TransferPages, 7, 513 }, { PacketType.GpaDirect, 0, 9 },
        { PacketType.GpaDirect, 1, 0 }, { PacketType.GpaDirect, 600, 4097 }, { PacketType.Completion, 0, 40 },
    };

    [Theory]
    [MemberData(nameof(Ops))]
    public void The_header_length_and_the_image_are_those_of_the_header_built_and_the_payload_pattern(PacketType type, int ranges, int payload)
    {
        var op = new RingOp { Kind = RingOpKind.Write, Type = type, Ranges = ranges, Payload = payload, Tid = 0x1234_5678_9ABCUL };
        var header = RingPacketBytes.Header(op);
        Assert.Equal(header.Length, RingPacketBytes.HeaderLength(op));
        var expected = Enumerable.Range(0, payload).Select(i => (byte)(op.Tid * 31 + (ulong)i * 7 + 1)).ToArray();
        Assert.Equal(expected, RingPacketBytes.Payload(op));
        var image = RingPacketBytes.Image(op);
        var d = PacketDescriptor.Read(image);
        Assert.Equal((d.DataOffset, d.Length), (WireConstants.DescriptorSize + header.Length, RingPacketBytes.Descriptor(op).Length));
        Assert.Equal(header, image[WireConstants.DescriptorSize..d.DataOffset]);
        Assert.Equal(expected, image[d.DataOffset..(d.DataOffset + payload)]);
        Assert.All(image[(d.DataOffset + payload)..], b => Assert.Equal(0, b));
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vmb.Spec.Wire;

namespace Vmb.Spec.Tests.Wire;

public class PacketDescriptorTests
{
    [Fact]
    public void Descriptor_layout_is_little_endian_in_the_R_DESC_2_order()
    {
        var bytes = new byte[16];
        new PacketDescriptor(0x0006, 2, 0x0102, 1, 0x1122334455667788).Write(bytes);
        Assert.Equal(new byte[] { 6, 0, 2, 0, 2, 1, 1, 0, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 }, bytes);
    }

    [Property]
    public Property Descriptor_round_trips_every_field() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<ushort>(), ArbMap.Default.ArbFor<ushort>(), ArbMap.Default.ArbFor<ulong>(),
            (type, len8, id) =>
            {
                var d = new PacketDescriptor(type, (ushort)(len8 / 2), len8, (ushort)(type ^ len8), id);
                var bytes = new byte[16];
                d.Write(bytes);
                return PacketDescriptor.Read(bytes) == d;
            });

    [Theory]
    [InlineData(0, 2, 2)]      // descriptor only: the 24-byte smallest packet with trailer
    [InlineData(1, 2, 3)]      // one payload byte pads to a whole unit
    [InlineData(4000, 2, 502)] // the ring-format worked example
    public void For_in_band_sets_offset8_2_and_rounds_len8_up_R_DESC_3_4(int payload, ushort offset8, ushort len8)
    {
        var d = PacketDescriptor.For(PacketType.InBand, 0, payload, 0, 7);
        Assert.Equal(offset8, d.Offset8);
        Assert.Equal(len8, d.Len8);
        Assert.Equal(WireConstants.AlignUp(payload), d.PayloadLength);
    }

    [Fact]
    public void For_refuses_packets_beyond_the_524280_byte_limit_R_DESC_13()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PacketDescriptor.For(PacketType.InBand, 0, WireConstants.MaxPacketBytes - 15, 0, 0));
        Assert.Equal(WireConstants.MaxLen8, PacketDescriptor.For(PacketType.InBand, 0, WireConstants.MaxPacketBytes - 16, 0, 0).Len8);
    }

    [Fact]
    public void Trailer_holds_the_packet_start_in_its_upper_half_R_DESC_7()
    {
        var bytes = new byte[8];
        Trailer.Write(bytes, 0x1A40);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x40, 0x1A, 0, 0 }, bytes);
    }
}

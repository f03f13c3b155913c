using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

public class RoundTripExampleTests
{
    [Fact]
    public void R_DESC_1_MUST_in_band_packet_round_trips_with_padding_and_trailer()
    {
        using var ring = new TestRing(4096);
        var writer = new RingWriter(ring.Region, initialize: true);
        var reader = ring.Reader();
        byte[] payload = [1, 2, 3, 4, 5];

        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 1, 77, default, payload));
        writer.Commit();

        var buffer = new byte[64];
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out var packet, out var error, out _));
        Assert.Null(error);
        Assert.Equal(new PacketDescriptor(6, 2, 3, 1, 77), packet.Descriptor);
        Assert.Equal(0, packet.RingOffset);
        Assert.Equal(24, packet.Length);
        Assert.Equal(payload, buffer[16..21]);
        Assert.Equal(new byte[3], buffer[21..24]);                            // R-DESC-6: zero padding
        Assert.Equal(Trailer.ValueFor(0), Trailer.Read(ring.Peek(24, 8)));  // R-DESC-7
        Assert.Equal(RingReadStatus.Empty, reader.TryRead(buffer, out _, out _, out _));
    }

    [Fact]
    public void R_RING_8_MUST_packet_straddling_the_end_round_trips()
    {
        using var ring = new TestRing(4096, startIndex: 4096 - 24);
        var writer = ring.Writer();
        var reader = ring.Reader();
        var payload = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 9, default, payload));
        writer.Commit();
        Assert.Equal((uint)(16 + 104 + 8 - 24), ring.WriteIndex);

        var buffer = new byte[256];
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out var packet, out _, out _));
        Assert.Equal(4096 - 24, packet.RingOffset);
        Assert.Equal(payload, buffer[16..116]);
        reader.Commit();
        Assert.Equal(ring.WriteIndex, ring.ReadIndex);
    }

    [Fact]
    public void R_CMP_1_MUST_completion_has_flags_0_offset8_2_and_the_same_id()
    {
        using var ring = new TestRing(4096);
        var writer = ring.Writer();
        Assert.Equal(RingWriteStatus.Written, CompletionPacket.TryWrite(writer, 0xDEADBEEF_00000001, [9, 9, 9]));
        writer.Commit();

        var buffer = new byte[64];
        Assert.Equal(RingReadStatus.Packet, ring.Reader().TryRead(buffer, out var packet, out _, out _));
        Assert.Equal(new PacketDescriptor(0xB, 2, 3, 0, 0xDEADBEEF_00000001), packet.Descriptor);
        Assert.Equal(new byte[] { 9, 9, 9, 0, 0, 0, 0, 0 }, buffer[16..24]);
    }

    [Fact]
    public void R_RING_12_SHOULD_fresh_ring_has_zero_indices_and_feature_bit_0()
    {
        using var ring = new TestRing(8192, startIndex: 808);
        ring.PendingSendSize = 40;
        ring.FeatureBits = 0;
        _ = new RingWriter(ring.Region, initialize: true);
        Assert.Equal(0u, ring.WriteIndex);
        Assert.Equal(0u, ring.ReadIndex);
        Assert.Equal(0u, ring.PendingSendSize);
        Assert.Equal(ControlPage.FeaturePendingSendSize, ring.FeatureBits);
    }

    [Fact]
    public void R_DESC_5_MUST_payload_view_is_padded_and_excludes_descriptor_and_type_header()
    {
        using var ring = new TestRing(4096);
        var writer = ring.Writer();
        var header = new byte[RangeHeaders.TransferPageHeaderBytes(1)];
        RangeHeaders.WriteTransferPages(header, 3, [new TransferPageRange(100, 200)]);
        writer.TryWrite(PacketType.TransferPages, 1, 5, header, [7, 7, 7]);
        writer.Commit();

        var buffer = new byte[128];
        Assert.Equal(RingReadStatus.Packet, ring.Reader().TryRead(buffer, out var packet, out _, out _));
        Assert.Equal(header, RingPacketParts.TypeHeader(packet, buffer).ToArray());
        Assert.Equal(new byte[] { 7, 7, 7, 0, 0, 0, 0, 0 }, RingPacketParts.Payload(packet, buffer).ToArray());
        Assert.Equal(packet.Descriptor.PayloadLength, RingPacketParts.Payload(packet, buffer).Length);
    }
}

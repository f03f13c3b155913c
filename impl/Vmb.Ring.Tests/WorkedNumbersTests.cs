using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>The worked numbers of ring-format §7.</summary>
public class WorkedNumbersTests
{
    [Fact]
    public void R_RING_7_MUST_fifth_4000_byte_packet_in_a_16384_ring_is_refused()
    {
        using var ring = new TestRing(16384);
        var writer = ring.Writer();
        var payload = new byte[4000];
        for (var i = 0; i < 4; i++)
            Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, (ulong)i, default, payload));
        Assert.Equal(288, writer.FreeBytes);
        Assert.Equal(RingWriteStatus.Full, writer.TryWrite(PacketType.InBand, 0, 5, default, payload));
        Assert.Equal(4024u, ring.PendingSendSize);                                   // R-SIG-4
    }

    [Fact]
    public void R_DESC_7_MUST_trailer_for_a_packet_at_0x1A40_is_00_00_00_00_40_1A_00_00()
    {
        using var ring = new TestRing(16384, startIndex: 0x1A40);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[8]);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x40, 0x1A, 0, 0 }, ring.Peek(0x1A40 + 24, 8));
    }

    [Fact]
    public void R_DESC_13_MUST_reader_accepts_the_largest_total_S_minus_8()
    {
        using var ring = new TestRing(4096, startIndex: 2048);
        var writer = ring.Writer();
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[4064]));
        writer.Commit();
        Assert.Equal(RingWriteStatus.Full, writer.TryWrite(PacketType.InBand, 0, 2, default, default));

        var buffer = new byte[4096];
        Assert.Equal(RingReadStatus.Packet, ring.Reader().TryRead(buffer, out var packet, out var error, out _));
        Assert.Null(error);
        Assert.Equal(4080, packet.Length);
        Assert.Equal(4088, packet.Descriptor.TotalLength);
    }

    [Fact]
    public void R_MAL_2_MUST_smallest_packet_of_24_bytes_is_accepted()
    {
        using var ring = new TestRing(4096, startIndex: 4096 - 16);
        var writer = ring.Writer();
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 1, default, default));
        writer.Commit();
        Assert.Equal(8u, ring.WriteIndex); // 24 bytes from 4080, wrapping after the descriptor
        Assert.Equal(RingReadStatus.Packet, ring.Reader().TryRead(new byte[16], out var packet, out _, out _));
        Assert.Equal(new PacketDescriptor(6, 2, 2, 0, 1), packet.Descriptor);
        Assert.Equal(24, packet.Descriptor.TotalLength);
    }

    [Fact]
    public void R_RING_7_MUST_largest_in_band_payload_in_a_one_page_ring_is_4064_bytes()
    {
        using var ring = new TestRing(4096);
        var writer = ring.Writer();
        var thrown = Assert.ThrowsAny<ArgumentException>(() => writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[4065]));
        Assert.Contains("R-RING-7", thrown.Message);
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[4064]));
    }
}

using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>One test per malformed case of ring-format §5; each also checks R-MAL-9 through <see cref="Rejection"/>.</summary>
public class MalformedInputTests
{
    private const int S = 4096;

    [Fact]
    public void R_MAL_1_MUST_write_index_not_below_S_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 64);
        var reader = ring.Reader();
        ring.WriteIndex = S;
        var error = Rejection.Assert(ring, reader, "R-MAL-1", "write_index", ControlPage.WriteIndexOffset, S);
        Assert.Contains("not below the data area size", error.Message);
    }

    [Fact]
    public void R_MAL_1_MUST_unaligned_write_index_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 64);
        var reader = ring.Reader();
        ring.WriteIndex = 64 + 28;
        var error = Rejection.Assert(ring, reader, "R-MAL-1", "write_index", ControlPage.WriteIndexOffset, 92);
        Assert.Contains("not a multiple of 8", error.Message);
    }

    [Theory]
    [InlineData(S, 0)]
    [InlineData(4, 0)]
    [InlineData(0, S + 8)]
    [InlineData(0, 12)]
    public void R_RING_13_R_MAL_1_MUST_corrupt_indices_at_attach_throw_RingFormatException(uint write, uint read)
    {
        using var ring = new TestRing(S);
        ring.WriteIndex = write;
        ring.ReadIndex = read;
        var field = write % 8 != 0 || write >= S ? "write_index" : "read_index";
        var value = field == "write_index" ? write : read;
        foreach (var (attach, rule) in new (Func<object>, string)[] { (() => ring.Writer(), "R-RING-13"), (() => ring.Reader(), "R-MAL-1") })
        {
            var thrown = Assert.Throws<RingFormatException>(attach);
            Assert.Equal((rule, field, (long?)value), (thrown.Error.RuleId, thrown.Error.Field, thrown.Error.Value));
            Assert.Contains(rule, thrown.Message);
        }
    }

    [Fact]
    public void R_MAL_15_MUST_writer_rejects_a_corrupt_read_index_it_loads()
    {
        using var ring = new TestRing(S, startIndex: 128);
        var writer = ring.Writer();
        ring.ReadIndex = 129;
        var before = ring.Snapshot();
        var thrown = Assert.Throws<RingFormatException>(() => writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[8]));
        Assert.Equal<(string?, string?, long?, long?)>(("R-MAL-15", "read_index", ControlPage.ReadIndexOffset, 129L),
            (thrown.Error.RuleId, thrown.Error.Field, thrown.Error.RingOffset, thrown.Error.Value));
        Assert.Throws<RingFormatException>(() => writer.FreeBytes);
        Assert.Equal(before, ring.Snapshot());
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void R_MAL_2_MUST_used_below_24_is_rejected(int used)
    {
        using var ring = new TestRing(S, startIndex: S - 8);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(6, 2, 2)[..used]);
        Rejection.Assert(ring, reader, "R-MAL-2", "used", S - 8, used);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void R_MAL_3_MUST_offset8_below_2_is_rejected(ushort offset8)
    {
        using var ring = new TestRing(S, startIndex: 1000);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(6, offset8, 4));
        Rejection.Assert(ring, reader, "R-MAL-3", "offset8", 1002, offset8);
    }

    [Fact]
    public void R_MAL_4_MUST_len8_below_offset8_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: S - 8);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(6, 5, 4));
        Rejection.Assert(ring, reader, "R-MAL-4", "len8", S - 4, 4);
    }

    [Fact]
    public void R_MAL_5_MUST_packet_whose_trailer_extends_past_write_index_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 512);
        var reader = ring.Reader();
        var image = RawPacket.Build(6, 2, 6);
        ring.Publish(image[..^8]); // descriptor and payload published, trailer not
        Rejection.Assert(ring, reader, "R-MAL-5", "len8", 516, 6);
    }

    [Fact]
    public void R_MAL_5_MUST_packet_longer_than_the_unread_bytes_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 512);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(6, 2, 100)[..200]);
        Rejection.Assert(ring, reader, "R-MAL-5", "len8", 516, 100);
    }

    [Theory]
    [InlineData(0x0002)]
    [InlineData(0x0003)]
    [InlineData(0x8000)]
    public void R_MAL_6_MUST_flag_bits_other_than_bit_0_are_rejected(ushort flags)
    {
        using var ring = new TestRing(S, startIndex: S - 8);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(6, 2, 3, flags));
        Rejection.Assert(ring, reader, "R-MAL-6", "flags", 6 - 8 + S, flags);
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0001)]
    [InlineData(0x0005)]
    [InlineData(0x0008)]
    [InlineData(0x000C)]
    [InlineData(0x000D)]
    [InlineData(0xFFFF)]
    public void R_MAL_7_MUST_unknown_type_is_rejected(ushort type)
    {
        using var ring = new TestRing(S, startIndex: 2048);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(type, 2, 3));
        Rejection.Assert(ring, reader, "R-MAL-7", "type", 2048, type);
    }

    [Fact]
    public void R_MAL_6_R_MAL_7_MUST_a_lenient_reader_passes_undefined_flags_and_unknown_types_up_and_still_rejects_len8_below_offset8()
    {
        using var ring = new TestRing(S, startIndex: 512);
        var reader = new RingReader(ring.Region, strict: false);
        ring.Publish(RawPacket.Build(0x20, 2, 3, 0x0006));
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[64], out var packet, out _, out _));
        Assert.Equal(((ushort)0x20, (ushort)0x0006), (packet.Descriptor.Type, packet.Descriptor.Flags));
        reader.Commit();
        ring.Publish(RawPacket.Build(6, 3, 2));
        Rejection.Assert(ring, reader, "R-MAL-4", "len8", 512 + 32 + 4, 2); // E-24: safety binds every reader
    }

    [Fact]
    public void R_MAL_7_MUST_cancel_without_the_capability_is_rejected()
    {
        using var ring = new TestRing(S);
        var reader = ring.Reader(cancel: false);
        ring.Publish(RawPacket.Build(0xA, 2, 2));
        var error = Rejection.Assert(ring, reader, "R-MAL-7", "type", 0, 0xA);
        Assert.Contains("cancel", error.Message);
    }

    [Fact]
    public void R_CMP_7_MAY_cancel_with_the_capability_is_accepted()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.Cancel, 0, 42, default, default));
        writer.Commit();
        var reader = (RingReader)new ReferenceRing(cancelSupported: true).CreateReader(ring.Region, static () => { });
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[64], out var packet, out _, out _));
        Assert.Equal(new PacketDescriptor(0xA, 2, 2, 0, 42), packet.Descriptor);
    }

    [Theory]
    [InlineData(0x7)]
    [InlineData(0x9)]
    public void R_MAL_8_MUST_range_packet_with_offset8_below_3_is_rejected(ushort type)
    {
        using var ring = new TestRing(S, startIndex: 256);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(type, 2, 5, 1, body: RawPacket.RangeBody(0, 1, 8, 0)));
        Rejection.Assert(ring, reader, "R-MAL-8", "offset8", 258, 2);
    }

    [Fact]
    public void R_MAL_8_MUST_transfer_page_ranges_outside_the_header_are_rejected()
    {
        using var ring = new TestRing(S, startIndex: S - 16);
        var reader = ring.Reader();
        // offset8 4 leaves room for one range (bytes 24..32); the header claims two.
        ring.Publish(RawPacket.Build(7, 4, 6, 1, body: RawPacket.RangeBody(0, 2, 100, 0, 100, 100)));
        Rejection.Assert(ring, reader, "R-MAL-8", "range_count", 20 - 16, 2);
    }

    [Fact]
    public void R_MAL_8_MUST_transfer_page_range_count_near_2_pow_32_is_rejected()
    {
        using var ring = new TestRing(S);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(7, 4, 4, 1, body: RawPacket.RangeBody(0, uint.MaxValue, 100, 0)));
        Rejection.Assert(ring, reader, "R-MAL-8", "range_count", 20, uint.MaxValue);
    }

    [Fact]
    public void R_MAL_8_MUST_gpa_direct_without_ranges_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 64);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(9, 3, 3, 1, body: RawPacket.RangeBody(0, 0)));
        Rejection.Assert(ring, reader, "R-MAL-8", "range_count", 84, 0);
    }

    [Fact]
    public void R_MAL_8_MUST_gpa_direct_range_with_byte_count_0_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 64);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(9, 5, 5, 1, body: RawPacket.RangeBody(0, 1, 0, 0, 7, 0)));
        Rejection.Assert(ring, reader, "R-MAL-8", "byte_count", 64 + 24, 0);
    }

    [Fact]
    public void R_MAL_8_MUST_gpa_direct_range_with_byte_offset_4096_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 64);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(9, 5, 5, 1, body: RawPacket.RangeBody(0, 1, 10, 4096, 7, 0)));
        Rejection.Assert(ring, reader, "R-MAL-8", "byte_offset", 64 + 28, 4096);
    }

    [Fact]
    public void R_MAL_8_MUST_gpa_direct_range_with_too_few_page_numbers_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 64);
        var reader = ring.Reader();
        // 100 bytes from offset 4000 span two pages; offset8 5 leaves room for one page number.
        ring.Publish(RawPacket.Build(9, 5, 7, 1, body: RawPacket.RangeBody(0, 1, 100, 4000, 7, 0, 8, 0)));
        Rejection.Assert(ring, reader, "R-MAL-8", "page_number", 64 + 32, 2);
    }

    [Fact]
    public void R_MAL_8_MUST_gpa_direct_second_range_outside_the_header_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 64);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(9, 5, 5, 1, body: RawPacket.RangeBody(0, 2, 10, 0, 7, 0)));
        Rejection.Assert(ring, reader, "R-MAL-8", "range_count", 64 + 20, 2);
    }

    [Fact]
    public void R_DESC_13_MUST_packet_larger_than_S_minus_8_is_rejected()
    {
        using var ring = new TestRing(S, startIndex: 8);
        var reader = ring.Reader();
        ring.Publish(RawPacket.Build(6, 2, 511)[..24]); // total 4096 = S: larger than any packet this ring can hold
        Rejection.Assert(ring, reader, "R-DESC-13", "len8", 12, 511);
    }

    [Fact]
    public void R_MAL_9_MUST_rejection_keeps_R_at_the_bad_packet_after_good_ones()
    {
        using var ring = new TestRing(S, startIndex: 4000);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[40]);
        writer.TryWrite(PacketType.InBand, 0, 2, default, new byte[40]);
        writer.Commit();
        var bad = (int)ring.WriteIndex;
        ring.WriteIndex = (uint)((bad + 32) % S);
        ring.Place(bad, RawPacket.Build(6, 2, 3, 0x10));
        var reader = ring.Reader();

        var buffer = new byte[256];
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out _, out _, out _));
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out _, out _, out _));
        reader.Commit();
        Assert.Equal((uint)bad, ring.ReadIndex);
        Rejection.Assert(ring, reader, "R-MAL-6", "flags", (bad + 6) % S, 0x10);
        Assert.Equal((uint)bad, ring.ReadIndex);
    }

    [Fact]
    public void R_MAL_11_MUST_trailer_value_does_not_change_what_the_reader_does()
    {
        using var ring = new TestRing(S, startIndex: 96);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 1, 1, default, new byte[16]);
        writer.TryWrite(PacketType.InBand, 1, 2, default, new byte[16]);
        writer.Commit();
        ring.Place(96 + 32, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]); // trailer of the first packet
        var reader = ring.Reader();
        var buffer = new byte[64];
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out var first, out _, out _));
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out var second, out _, out _));
        Assert.Equal((1ul, 2ul), (first.Descriptor.TransactionId, second.Descriptor.TransactionId));
        Assert.Equal(136, second.RingOffset);
    }

    [Fact]
    public void R_MAL_12_MUST_reader_uses_its_own_copy_of_R_not_the_shared_field()
    {
        using var ring = new TestRing(S, startIndex: 200);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[8]);
        writer.Commit();
        var reader = ring.Reader();
        ring.ReadIndex = 8; // the peer scribbles on a reader-owned field
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[64], out var packet, out _, out _));
        Assert.Equal(200, packet.RingOffset);
        reader.Commit();
        Assert.Equal(ring.WriteIndex, ring.ReadIndex);
    }

    [Fact]
    public void R_MAL_14_MUST_packet_larger_than_the_buffer_reports_its_size_and_is_not_consumed()
    {
        using var ring = new TestRing(S, startIndex: S - 16);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 5, default, new byte[100]);
        writer.Commit();
        var reader = ring.Reader();
        var before = ring.Snapshot();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Equal(RingReadStatus.BufferTooSmall, reader.TryRead(new byte[119], out var packet, out var error, out var required));
            Assert.Equal((120, (RingError?)null, default(RingPacket)), (required, error, packet));
        }
        Assert.False(reader.Commit());
        Assert.Equal(before, ring.Snapshot());
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[120], out var read, out _, out var size));
        Assert.Equal((120, 120), (read.Length, size));
    }

    [Fact]
    public void R_DESC_16_MUST_NOT_reader_interprets_padding()
    {
        using var ring = new TestRing(S, startIndex: S - 16);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, [1, 2, 3]);
        writer.TryWrite(PacketType.InBand, 0, 2, default, [4]);
        writer.Commit();
        ring.Place(S - 16 + 19, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]); // stale padding, as an OpenVMM writer may leave
        var reader = ring.Reader();
        var buffer = new byte[64];
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out var first, out _, out _));
        Assert.Equal(new byte[] { 1, 2, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, RingPacketParts.Payload(first, buffer).ToArray());
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out var second, out _, out _));
        Assert.Equal(2ul, second.Descriptor.TransactionId);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0xFFFFFFFFu)]
    public void R_RING_14_MUST_NOT_reader_depends_on_the_initial_interrupt_mask(uint initialMask)
    {
        using var ring = new TestRing(S, startIndex: 72);
        ring.InterruptMask = initialMask;
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, [1]);
        writer.Commit();
        var reader = ring.Reader();
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[64], out _, out _, out _));
        reader.Commit();
        Assert.Equal(RingReadStatus.Empty, reader.TryRead(new byte[64], out _, out _, out _));
        Assert.False(reader.UnmaskInterrupts());
        Assert.Equal(0u, ring.InterruptMask);
    }
}

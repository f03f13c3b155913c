using System.Buffers.Binary;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests;

/// <summary>
/// The channel's own check of a 0x7/0x9 range list (R-MAL-8, kept so R-PP-17 does not rest on the reader): with the
/// reference's strict reader in front, the suite never hands it a bad list, so it is judged here, bound by bound.
/// </summary>
public class ExternalRangesTests
{
    private const int Payload = 16;

    private static (byte[] Packet, PacketDescriptor Descriptor) Gpa(params GpaRange[] ranges)
    {
        var header = RangeHeaders.GpaDirectHeaderBytes(ranges);
        var d = PacketDescriptor.For(PacketType.GpaDirect, header, Payload, 0, 1);
        var packet = new byte[d.Length];
        d.Write(packet);
        RangeHeaders.WriteGpaDirect(packet.AsSpan(RangeHeaders.TypeHeaderOffset), ranges);
        return (packet, d);
    }

    private static (byte[] Packet, PacketDescriptor Descriptor) TransferPages(int ranges)
    {
        var d = PacketDescriptor.For(PacketType.TransferPages, RangeHeaders.TransferPageHeaderBytes(ranges), Payload, 0, 1);
        var packet = new byte[d.Length];
        d.Write(packet);
        RangeHeaders.WriteTransferPages(packet.AsSpan(RangeHeaders.TypeHeaderOffset), 7, Enumerable.Repeat(new TransferPageRange(8, 0), ranges).ToArray());
        return (packet, d);
    }

    private static string? Validate((byte[] Packet, PacketDescriptor Descriptor) p) => ExternalRanges.Validate(p.Packet, p.Descriptor);

    private static void SetCount((byte[] Packet, PacketDescriptor Descriptor) p, uint count) =>
        BinaryPrimitives.WriteUInt32LittleEndian(p.Packet.AsSpan(RangeHeaders.RangeCountOffset), count);

    [Fact]
    public void R_MAL_8_MUST_in_band_and_completion_packets_carry_no_range_list_to_check()
    {
        foreach (var type in new[] { PacketType.InBand, PacketType.Completion })
        {
            var d = PacketDescriptor.For(type, 0, Payload, 0, 1);
            Assert.Null(ExternalRanges.Validate(new byte[d.Length], d));
        }
    }

    [Fact]
    public void R_MAL_8_MUST_well_formed_gpa_direct_lists_pass_up_to_the_last_byte_of_a_page()
    {
        Assert.Null(Validate(Gpa(new GpaRange(1, 0, [5]))));
        Assert.Null(Validate(Gpa(new GpaRange(1, WireConstants.PageSize - 1, [5]))));
        Assert.Null(Validate(Gpa(new GpaRange(2, WireConstants.PageSize - 1, [5, 6]), new GpaRange(WireConstants.PageSize, 0, [9]))));
    }

    [Fact]
    public void R_MAL_8_MUST_a_gpa_direct_packet_without_ranges_is_rejected() =>
        Assert.NotNull(Validate(Gpa()));

    [Fact]
    public void R_MAL_8_MUST_a_gpa_range_of_no_bytes_or_starting_past_its_first_page_is_rejected()
    {
        Assert.Contains("byte_count 0", Validate(Gpa(new GpaRange(0, 0, [5]))));
        Assert.Contains("byte_offset 4096", Validate(Gpa(new GpaRange(1, WireConstants.PageSize, [5, 6]))));
    }

    [Fact]
    public void R_MAL_8_MUST_a_range_count_beyond_the_header_region_is_rejected()
    {
        var one = Gpa(new GpaRange(8, 0, [5]));
        SetCount(one, 2);
        Assert.Contains("GPA range 1 starts past", Validate(one));
    }

    [Fact]
    public void R_MAL_8_MUST_a_page_list_longer_than_the_header_region_is_rejected()
    {
        // Written with one page number, then claimed to span two pages: its list runs 8 bytes past the header region.
        var p = Gpa(new GpaRange(8, 0, [5]));
        BinaryPrimitives.WriteUInt32LittleEndian(p.Packet.AsSpan(RangeHeaders.FirstRangeOffset), WireConstants.PageSize + 1);
        Assert.Contains("page list runs past", Validate(p));
        // Exactly filling the region is fine: the same range over one page.
        BinaryPrimitives.WriteUInt32LittleEndian(p.Packet.AsSpan(RangeHeaders.FirstRangeOffset), WireConstants.PageSize);
        Assert.Null(Validate(p));
    }

    [Fact]
    public void R_MAL_8_MUST_transfer_page_ranges_must_fit_before_the_payload()
    {
        var two = TransferPages(2);
        Assert.Null(Validate(two));
        SetCount(two, 3);
        Assert.Contains("3 transfer-page ranges do not fit", Validate(two));
        SetCount(two, 0x2000_0000); // count × 8 overflows 32 bits: the sum is taken in 64
        Assert.NotNull(Validate(two));
    }

    [Fact]
    public void R_MAL_8_MUST_an_offset8_that_leaves_no_room_for_the_range_header_or_runs_past_the_packet_is_rejected()
    {
        var p = Gpa(new GpaRange(8, 0, [5]));
        var below = p.Descriptor with { Offset8 = (ushort)(RangeHeaders.FirstRangeOffset / WireConstants.Alignment - 1) };
        Assert.Contains("no room for the range header", ExternalRanges.Validate(p.Packet, below));
        var past = p.Descriptor with { Offset8 = (ushort)(p.Descriptor.Len8 + 1) };
        Assert.Contains("no room for the range header", ExternalRanges.Validate(p.Packet, past));
        var atEnd = p.Descriptor with { Offset8 = p.Descriptor.Len8 };
        Assert.Null(ExternalRanges.Validate(p.Packet, atEnd));
    }
    [Fact]
    public void R_MAL_8_MUST_a_transfer_page_packet_of_no_range_ends_its_header_at_the_first_range_and_passes()
    {
        var none = TransferPages(0);
        Assert.Equal(RangeHeaders.FirstRangeOffset, none.Descriptor.DataOffset);
        Assert.Null(Validate(none));
    }

    [Fact]
    public void R_MAL_8_MUST_a_gpa_range_header_that_ends_at_the_payload_is_judged_by_its_page_list()
    {
        // Range 0 is widened to three pages: range 1's header then ends exactly at the payload, with no room for its page.
        var p = Gpa(new GpaRange(WireConstants.PageSize + 1, 0, [5, 6]), new GpaRange(8, 0, [7]));
        BinaryPrimitives.WriteUInt32LittleEndian(p.Packet.AsSpan(RangeHeaders.FirstRangeOffset), 2 * WireConstants.PageSize + 1);
        Assert.Contains("GPA range 1 page list runs past", Validate(p));
    }

    private static byte[] TransferPacket(params TransferPageRange[] ranges)
    {
        var d = PacketDescriptor.For(PacketType.TransferPages, RangeHeaders.TransferPageHeaderBytes(ranges.Length), Payload, 0, 1);
        var packet = new byte[d.Length];
        d.Write(packet);
        RangeHeaders.WriteTransferPages(packet.AsSpan(RangeHeaders.TypeHeaderOffset), 7, ranges);
        return packet;
    }

    [Fact]
    public void R_EXT_16_MUST_model_a_transfer_page_range_past_the_end_of_its_set_gives_no_view()
    {
        ulong[] set = [40, 41];
        Assert.NotNull(ExternalRanges.ReadTransferPages(TransferPacket(new TransferPageRange(192, 8000)), set, out var fits)); // ends on the last byte of the set
        Assert.Null(fits);
        Assert.Null(ExternalRanges.ReadTransferPages(TransferPacket(new TransferPageRange(200, 8000)), [40], out var error));
        Assert.Contains("transfer-page range 0 [8000, +200) lies outside its set of 4096 bytes", error);
        Assert.Null(ExternalRanges.ReadTransferPages(TransferPacket(new TransferPageRange(8, 0), new TransferPageRange(97, 8100)), set, out error));
        Assert.Contains("transfer-page range 1", error);
    }

    [Fact]
    public void R_EXT_16_MUST_model_a_transfer_page_range_of_no_bytes_names_no_page()
    {
        var ranges = ExternalRanges.ReadTransferPages(TransferPacket(new TransferPageRange(0, 4000), new TransferPageRange(96, 4000)), [40], out var error);
        Assert.Null(error);
        Assert.Empty(ranges![0].PageNumbers); // nothing to read, so nothing to wait for
        Assert.Equal([40UL], ranges[1].PageNumbers);
    }

    [Fact]
    public void R_EXT_9_MUST_the_pages_a_pending_packet_waits_for_are_listed_once_each_in_range_order()
    {
        var memory = new Vmb.Spec.Memory.GuestMemory();
        foreach (var page in new ulong[] { 5, 6, 7 }) memory.AddPage(page, new byte[WireConstants.PageSize]);
        memory.Evict(6);
        memory.Evict(5);
        GpaRange[] ranges = [new(8, 0, [6]), new(WireConstants.PageSize + 8, 0, [7, 5]), new(8, 100, [6])];
        Assert.Equal([6UL, 5UL], ExternalRanges.NonResident(memory, ranges, out var missing));
        Assert.False(missing);
        Assert.Empty(ExternalRanges.NonResident(memory, [new(8, 0, [7])], out missing));
        Assert.Empty(ExternalRanges.NonResident(memory, [new(8, 0, [6]), new(8, 0, [99])], out missing));
        Assert.True(missing); // a page the guest lacks: no view at all, nothing to wait for
    }
}

using Vmb.Conformance.Driver;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Driver;

/// <summary>
/// D31: a presentation is named by the harness's tag and the handle before anything it shows is compared, so one
/// wrong field (offset, length, flags, changed bytes) does not move it to another packet.
/// </summary>
public class PresentationIdentityTests
{
    private static readonly byte[] Header = [0x06, 0, 0x02, 0, 0x04, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];

    private sealed class Owner : IVmbPacketOwner
    {
        public void Complete(ulong token, ReadOnlySpan<byte> completionBuffer) { }
        public void Fail(ulong token) { }
        public void DeferToPassive(ulong token) { }
        public int GetExternalData(ulong token, uint flags, out IExternalDataView? view) { view = null; return 0; }
        public Memory<byte> GetClientContext(ulong token) => Memory<byte>.Empty;
    }

    private static List<PacketState> Written(params byte[][] payloads)
    {
        var tags = PresentationIdentity.Tags(payloads);
        return payloads.Select((p, i) => new PacketState(i, new WritePacketStep { Kind = PacketKind.InBand, Payload = p }, p, 0, tags[i]) { Written = true }).ToList();
    }

    [Fact]
    public void A_tag_is_a_payload_prefix_no_other_packet_shares()
    {
        var tags = PresentationIdentity.Tags([[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 5, 6, 7, 8], [9, 9, 9, 9, 9, 9, 9, 9, 0], [1, 2, 3]]);
        Assert.Null(tags[0]);
        Assert.Null(tags[1]);
        Assert.Equal(new byte[] { 9, 9, 9, 9, 9, 9, 9, 9 }, tags[2]);
        Assert.Null(tags[3]);
    }

    [Fact]
    public void R_PP_5_MUST_an_out_of_order_presentation_that_includes_the_header_is_named_by_its_tag()
    {
        var packets = Written([10, 11, 12, 13, 14, 15, 16, 17, 18], [20, 21, 22, 23, 24, 25, 26, 27]);
        byte[] shown = [.. Header, .. packets[1].Step.Payload];
        var handle = new VmbPacket(new Owner(), 1);
        Assert.Same(packets[1], PresentationIdentity.Of(packets, handle, shown, (uint)shown.Length, 0x80));
    }

    [Fact]
    public void R_DEF_4_MUST_a_re_presentation_with_the_same_handle_and_changed_bytes_stays_its_packet()
    {
        var packets = Written([1, 2, 3], [4, 5, 6]);
        var handle = new VmbPacket(new Owner(), 7);
        packets[0].Presentations = 1;
        packets[0].AwaitingRepresentation = true;
        packets[0].LastHandle = handle;
        packets[0].LastSeen = ([1, 2, 3], 3, 0);
        Assert.Same(packets[0], PresentationIdentity.Of(packets, handle, [1, 2, 9], 3, 0));
        Assert.Same(packets[1], PresentationIdentity.Of(packets, new VmbPacket(new Owner(), 8), [1, 2, 9], 3, 0));
    }

    [Fact]
    public void R_PP_17_MUST_an_untagged_presentation_like_the_malformed_packet_the_reader_is_passing_is_that_packet()
    {
        var tags = PresentationIdentity.Tags([[], [], []]);
        var packets = new List<PacketState>
        {
            new(0, new WritePacketStep { Kind = PacketKind.InBand }, [], 0, tags[0]) { Written = true, Presentations = 1, Answered = true },
            new(1, new WritePacketStep { Kind = PacketKind.Malformed }, [], 0, tags[1]) { Written = true },
            new(2, new WritePacketStep { Kind = PacketKind.InBand, Payload = [1, 2, 3] }, [1, 2, 3], 0, tags[2]) { Written = true },
        };
        Assert.Same(packets[1], PresentationIdentity.Of(packets, new VmbPacket(new Owner(), 5), [], 0, 0));
    }

    [Fact]
    public void R_PP_9_MUST_a_wrong_flag_does_not_move_a_tagged_presentation_to_the_next_packet()
    {
        var packets = Written([1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2, 2, 2]);
        packets[0].Presentations = 1;
        Assert.Same(packets[0], PresentationIdentity.Of(packets, new VmbPacket(new Owner(), 3), packets[0].Step.Payload, 9, 0x2));
    }
}

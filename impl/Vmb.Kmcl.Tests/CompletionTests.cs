using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests;

public class CompletionTests
{
    [Fact]
    public void R_CMPL_4_MUST_a_reply_exactly_when_requested_with_the_id_and_the_response_bytes()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) => p.Complete(ChannelHarness.Payload(pres.Tag + 100, 11));
        h.Open();
        var asked = h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 1);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: false, id: 2);
        h.Deliver();
        var c = Assert.Single(h.TakeCompletions());
        Assert.Equal(asked, c.TransactionId);
        Assert.Equal(0, c.Flags);
        Assert.Equal(ChannelHarness.Payload(101, 11), c.Payload[..11]);
        Assert.Equal(16, c.Payload.Length); // padded to 8 (R-CMPL-6)
    }

    [Fact]
    public void D8_transaction_id_zero_with_completion_requested_is_answered()
    {
        using var h = new ChannelHarness();
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 0);
        h.Deliver();
        Assert.Equal(0ul, Assert.Single(h.TakeCompletions()).TransactionId);
    }

    [Fact]
    public void R_CMPL_2_MAY_answer_later_in_any_order_and_from_another_thread()
    {
        using var h = new ChannelHarness();
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) => held.Add(p);
        h.Open();
        for (var i = 1; i <= 4; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8), completion: true, id: (ulong)i);
        h.Deliver();
        Assert.Equal(4, h.Channel.Outstanding);
        held[2].Complete(default);
        held[0].Complete(default);
        var other = new Thread(() => { held[3].Complete(default); held[1].Complete(default); });
        other.Start();
        other.Join();
        Assert.Equal([3ul, 1ul, 4ul, 2ul], h.TakeCompletions().Select(c => c.TransactionId));
        Assert.Equal(0, h.Channel.Outstanding);
    }

    [Fact]
    public void R_CMPL_8_MUST_a_full_outgoing_ring_queues_completions_never_lost_never_duplicated_order_kept()
    {
        using var h = new ChannelHarness(outgoingSize: 4096);
        var reply = new byte[1000];
        h.Client.Policy = (_, p, pres) => p.Complete(reply);
        h.Open();
        var ids = new List<ulong>();
        for (var i = 1; i <= 12; i++) ids.Add(h.SendInBand(ChannelHarness.Payload((ulong)i, 8), completion: true, id: (ulong)i));
        h.Deliver();
        Assert.True(h.Channel.CompletionsWaiting > 0);
        var seen = new List<ulong>();
        for (var round = 0; round < 20 && seen.Count < ids.Count; round++)
        {
            seen.AddRange(h.TakeCompletions().Select(c => c.TransactionId)); // the room signal makes the channel flush
            h.Run();
        }
        Assert.Equal(ids, seen);
        Assert.Equal(0, h.Channel.CompletionsWaiting);
        Assert.True(h.RoomSignals > 0);
    }

    [Fact]
    public void R_CMPL_9_MUST_complete_is_accepted_at_dispatch_level()
    {
        using var h = new ChannelHarness();
        var held = default(VmbPacket);
        h.Client.Policy = (_, p, _) => held = p;
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.Deliver();
        h.Det.RunAt(Irql.Dispatch, () => held.Complete([1, 2, 3]));
        Assert.Single(h.TakeCompletions());
    }

    [Fact]
    public void R_CMPL_8_MUST_a_reply_that_can_never_fit_is_refused_before_the_packet_counts_as_answered()
    {
        using var h = new ChannelHarness(outgoingSize: 4096);
        var held = default(VmbPacket);
        h.Client.Policy = (_, p, _) => held = p;
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.Deliver();
        Assert.Throws<ArgumentException>(() => held.Complete(new byte[5000]));
        held.Complete(new byte[8]);
        Assert.Single(h.TakeCompletions());
    }

    [Theory]
    [InlineData(4096, 4096 - 8 - WireConstants.TrailerSize - WireConstants.DescriptorSize)]   // the ring's largest packet (R-RING-7)
    [InlineData(1 << 20, WireConstants.MaxPacketBytes - WireConstants.DescriptorSize)]      // the wire's largest packet (len8 0xFFFF)
    public void R_CMPL_8_MUST_the_largest_reply_that_fits_is_written_whole_and_one_byte_more_is_refused(int outgoingSize, int largest)
    {
        using var h = new ChannelHarness(outgoingSize: outgoingSize);
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) => held.Add(p);
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 1);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true, id: 2);
        h.Deliver();
        var reply = ChannelHarness.Payload(3, largest);
        held[0].Complete(reply);
        Assert.Equal(reply, Assert.Single(h.TakeCompletions()).Payload);
        Assert.Throws<ArgumentException>(() => held[1].Complete(new byte[largest + 1]));
        held[1].Complete(new byte[8]);
        Assert.Equal(2UL, Assert.Single(h.TakeCompletions()).TransactionId);
    }

    [Fact]
    public void R_SIG_1_MUST_the_peer_is_signalled_only_on_empty_to_non_empty()
    {
        using var h = new ChannelHarness();
        h.Open();
        for (var i = 0; i < 3; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8), completion: true);
        h.Deliver();
        Assert.Equal(1, h.PeerSignals);
        Assert.Equal(3, h.TakeCompletions().Count);
    }
}

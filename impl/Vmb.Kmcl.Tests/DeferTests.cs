using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests;

public class DeferTests
{
    [Fact]
    public void R_DEF_1_MUST_deferred_packet_is_presented_again_at_passive_with_identical_bytes_and_a_fresh_handle()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) p.DeferToPassive();
            else p.Complete(default);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 21), completion: true);
        h.Deliver();
        var ps = h.Client.Presentations;
        Assert.Equal(2, ps.Count);
        Assert.Equal(Irql.Dispatch, ps[0].Irql);
        Assert.Equal(Irql.Passive, ps[1].Irql);
        Assert.Equal(ps[0].Buffer, ps[1].Buffer);
        Assert.Equal(ps[0].BufferLength, ps[1].BufferLength);
        Assert.Equal(ps[0].Flags, ps[1].Flags);
        Assert.NotEqual(ps[0].Packet, ps[1].Packet); // a re-presentation comes with a new token
        Assert.Single(h.TakeCompletions()); // R-DEF-3: the deferral was not an answer; exactly one completion
    }

    [Fact]
    public void D6_defer_during_a_passive_presentation_is_allowed_and_presents_again_at_passive()
    {
        using var h = new ChannelHarness();
        h.Channel.SetIncomingProcessingAtPassive(true);
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index < 2) p.DeferToPassive();
            else p.Complete(default);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.Deliver();
        Assert.Equal(3, h.Client.Presentations.Count);
        Assert.All(h.Client.Presentations, p => Assert.Equal(Irql.Passive, p.Irql));
        Assert.Single(h.TakeCompletions());
        Assert.Empty(h.Observer.Misuse);
    }

    [Fact]
    public void D7_a_deferred_packet_stays_outstanding_once_and_its_representation_is_not_new_for_the_quota()
    {
        using var h = new ChannelHarness();
        h.Channel.SetTransactionQuota(1);
        var outstandingSeen = new List<int>();
        h.Client.Policy = (_, p, pres) =>
        {
            outstandingSeen.Add(h.Channel.Outstanding);
            if (pres.Index == 0) p.DeferToPassive();
            else p.Complete(default);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.SendInBand(ChannelHarness.Payload(2, 8));
        h.Deliver();
        Assert.Equal([1ul, 1ul, 2ul], h.Client.Presentations.Select(p => p.Tag));
        Assert.All(outstandingSeen, n => Assert.Equal(1, n));
    }

    [Fact]
    public void R_CTX_4_MUST_model_client_context_survives_a_deferral()
    {
        using var h = new ChannelHarness();
        h.Channel.InitSetClientContextSize(4);
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) { p.GetClientContext().Span[0] = 42; p.DeferToPassive(); }
            else { Assert.Equal(42, p.GetClientContext().Span[0]); p.Complete(default); }
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Equal(2, h.Client.Presentations.Count);
    }
    [Fact]
    public void R_CTX_4_MUST_model_each_new_packet_gets_a_zeroed_context_even_from_a_reused_slot()
    {
        using var h = new ChannelHarness();
        h.Channel.InitSetClientContextSize(16);
        var seen = new List<byte[]>();
        var slots = new List<int>();
        h.Client.Policy = (_, p, _) =>
        {
            var context = p.GetClientContext().Span;
            seen.Add(context.ToArray());
            slots.Add(PacketToken.Slot(p.Token));
            context.Fill(0xA5); // left behind for whoever gets this scratch area next
            p.Complete(default);
        };
        h.Open();
        for (ulong i = 1; i <= 3; i++)
        {
            h.SendInBand(ChannelHarness.Payload(i, 8));
            h.Deliver();
        }
        Assert.Single(slots.Distinct()); // one slot carried all three packets
        Assert.All(seen, context => Assert.Equal(new byte[16], context));
    }
}

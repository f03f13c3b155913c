using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;
using static Vmb.Kmcl.Tests.MisuseTests;

namespace Vmb.Kmcl.Tests;

/// <summary>
/// D32: handles are values over a reused slot table, and misuse detection stays sound: a handle whose slot
/// now carries a later packet is named as before and never answers that packet.
/// </summary>
public class HandleReuseTests
{
    private static readonly byte[] NoReply = [];

    private static List<ulong> Ids(ChannelHarness h) => h.TakeCompletions().Select(c => c.TransactionId).ToList();

    private static void Send(ChannelHarness h, ulong id)
    {
        h.SendInBand(ChannelHarness.Payload(id, 8), completion: true, id: id);
        h.Deliver();
    }

    [Fact]
    public void R_MIS_2_MAY_a_superseded_handle_whose_slot_carries_a_later_packet_is_named_and_answers_nothing()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) p.DeferToPassive();
            else if (pres.Index == 1) p.Complete(NoReply);
            // later packets are held
        };
        h.Open();
        Send(h, 1);
        Assert.Equal([1UL], Ids(h));
        Send(h, 2);
        var ps = h.Client.Presentations;
        var (superseded, later) = (ps[0].Packet, ps[2].Packet);
        Assert.Equal(PacketToken.Slot(superseded.Token), PacketToken.Slot(later.Token)); // the slot was reused
        AssertNamed(h, "R-MIS-2", () => superseded.Complete(NoReply));
        AssertNamed(h, "R-MIS-2", () => superseded.Fail());
        AssertNamed(h, "R-MIS-2", () => superseded.DeferToPassive());
        AssertNamed(h, "R-MIS-2", () => superseded.GetExternalData(0, out _));
        AssertNamed(h, "R-MIS-2", () => superseded.GetClientContext());
        Assert.Empty(Ids(h));
        Assert.Equal(1, h.Channel.Outstanding);
        Assert.Empty(h.Observer.Stops); // the rejected Fail stopped nothing
        later.Complete(NoReply); // the later packet still owes and takes its one answer
        Assert.Equal([2UL], Ids(h));
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_1_MAY_a_second_answer_after_the_slot_was_reused_is_named_and_answers_nothing()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) => { if (pres.Index < 2) p.Complete(NoReply); };
        h.Open();
        Send(h, 1);
        Send(h, 2);
        Send(h, 3);
        Assert.Equal([1UL, 2UL], Ids(h));
        var ps = h.Client.Presentations;
        var (first, second, live) = (ps[0].Packet, ps[1].Packet, ps[2].Packet);
        Assert.Single(new[] { first, second, live }.Select(p => PacketToken.Slot(p.Token)).Distinct()); // one slot, three packets
        Assert.Equal(3, new[] { first, second, live }.Distinct().Count());
        AssertNamed(h, "R-MIS-1", () => first.Complete(NoReply));
        AssertNamed(h, "R-MIS-1", () => first.Fail());
        AssertNamed(h, "R-MIS-1", () => second.Complete(NoReply));
        AssertNamed(h, "R-MIS-3", () => first.DeferToPassive());
        AssertNamed(h, "R-MIS-2", () => second.GetClientContext());
        Assert.Empty(Ids(h));
        Assert.Equal(1, h.Channel.Outstanding);
        Assert.Empty(h.Observer.Stops);
        live.Complete(NoReply);
        Assert.Equal([3UL], Ids(h));
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_1_MAY_a_handle_older_than_the_slots_ledger_is_still_refused_and_taken_as_answered()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) p.DeferToPassive();
            else if (pres.Index <= PresentationLedger.Depth + 1) p.Complete(NoReply);
        };
        h.Open();
        for (var id = 1UL; id <= PresentationLedger.Depth + 1; id++) Send(h, id);
        Assert.Equal(PresentationLedger.Depth + 1, Ids(h).Count);
        Send(h, 1000);
        var ps = h.Client.Presentations;
        var (superseded, answered, live) = (ps[0].Packet, ps[1].Packet, ps[^1].Packet);
        Assert.Equal(PacketToken.Slot(superseded.Token), PacketToken.Slot(live.Token));
        AssertNamed(h, "R-MIS-1", () => answered.Complete(NoReply));
        // How a presentation this old ended is no longer kept; it is refused all the same.
        AssertNamed(h, "R-MIS-1", () => superseded.Complete(NoReply));
        AssertNamed(h, "R-MIS-2", () => superseded.GetClientContext());
        Assert.Empty(Ids(h));
        live.Complete(NoReply);
        Assert.Equal([1000UL], Ids(h));
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_2_MAY_a_token_the_channel_never_issued_is_named()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, _, _) => { };
        h.Open();
        Send(h, 1);
        var live = h.Client.Presentations[0].Packet;
        var slot = PacketToken.Slot(live.Token);
        var generation = PacketToken.Generation(live.Token);
        AssertNamed(h, "R-MIS-2", () => new VmbPacket(h.Channel, 0).Complete(NoReply));
        AssertNamed(h, "R-MIS-2", () => new VmbPacket(h.Channel, PacketToken.Make(slot, generation + 1)).Complete(NoReply));
        // The slots past the live one: the first slot the table never made is among them, whatever the table's size.
        for (var unmade = slot + 1; unmade <= slot + 8; unmade++)
            AssertNamed(h, "R-MIS-2", () => new VmbPacket(h.Channel, PacketToken.Make(unmade, 1)).Complete(NoReply));
        AssertNamed(h, "R-MIS-2", () => new VmbPacket(h.Channel, PacketToken.Make(slot + 1000, 1)).GetClientContext());
        Assert.Equal(1, h.Channel.Outstanding);
        live.Complete(NoReply);
        Assert.Equal([1UL], Ids(h));
        AssertStillConsistent(h);
    }

    [Fact]
    public void Steady_state_inline_completion_without_a_reply_allocates_less_than_a_byte_per_packet()
    {
        using var h = new ChannelHarness();
        Assert.Equal(0, h.Channel.InitSetProcessPacketCallbacks(static (_, p, _, _, _) => p.Complete(default), null));
        Assert.Equal(0, h.Channel.Enable());
        h.Run();
        var payload = new byte[64];
        void Batch()
        {
            for (var i = 0; i < 64; i++) h.Peer.TryWrite(PacketType.InBand, 0, (ulong)i + 1, default, payload);
            h.Peer.Commit();
            h.Channel.Signal();
            h.Det.RunUntilIdle();
        }
        for (var i = 0; i < 100; i++) Batch(); // fills the pool and the slot table, JITs the path
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) Batch();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // 6,400 packets presented and completed. The runtime itself may allocate a few bytes on this thread now and then
        // (tiered compilation), so the bound is under one byte per packet; one handle per presentation would be 204,800 B.
        Assert.True(allocated < 6_400, $"{allocated} B allocated over 6,400 packets");
        Assert.Equal(0, h.Channel.Outstanding);
    }
}

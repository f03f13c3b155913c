using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests;

public class QuotaTests
{
    [Fact]
    public void R_QUO_2_MUST_no_new_packet_while_outstanding_reaches_the_quota_and_R_CMPL_11_MUST_an_answer_resumes()
    {
        using var h = new ChannelHarness();
        h.Channel.SetTransactionQuota(2);
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) => held.Add(p);
        h.Open();
        for (var i = 0; i < 5; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8));
        h.Deliver();
        Assert.Equal(2, h.Client.Presentations.Count);
        Assert.Equal([2u], h.Client.ProcessingCompletes.Select(c => c.Count)); // the quota ended the run (R-PP-19)
        held[0].Complete(default);
        h.Run();
        Assert.Equal(3, h.Client.Presentations.Count);
        Assert.Equal([0ul, 1ul, 2ul], h.Client.Presentations.Select(p => p.Tag));
    }

    [Fact]
    public void R_QUO_4_MUST_raising_the_quota_never_by_itself_wakes_intake()
    {
        using var h = new ChannelHarness();
        h.Channel.SetTransactionQuota(1);
        h.Client.Policy = (_, _, _) => { };
        h.Open();
        for (var i = 0; i < 3; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8));
        h.Deliver();
        Assert.Single(h.Client.Presentations);
        h.Channel.SetTransactionQuota(10);
        h.Run();
        Assert.Single(h.Client.Presentations);
        h.Deliver(); // the next doorbell may take more
        Assert.Equal(3, h.Client.Presentations.Count);
    }

    [Fact]
    public void R_QUO_3_MUST_lowering_below_outstanding_waits_for_enough_answers()
    {
        using var h = new ChannelHarness();
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) => held.Add(p);
        h.Open();
        for (var i = 0; i < 3; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8));
        h.Deliver();
        h.Channel.SetTransactionQuota(1);
        h.SendInBand(ChannelHarness.Payload(9, 8));
        h.Deliver();
        Assert.Equal(3, h.Client.Presentations.Count);
        held[0].Complete(default);
        held[1].Complete(default);
        h.Run();
        Assert.Equal(3, h.Client.Presentations.Count);
        held[2].Complete(default);
        h.Run();
        Assert.Equal(4, h.Client.Presentations.Count);
    }

    [Fact]
    public void R_QUO_1_MUST_a_zero_quota_is_refused_and_reported()
    {
        using var h = new ChannelHarness();
        h.Channel.SetTransactionQuota(1);
        h.Channel.SetTransactionQuota(0);
        h.Client.Policy = (_, _, _) => { };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.SendInBand(ChannelHarness.Payload(2, 8));
        h.Deliver();
        Assert.Single(h.Client.Presentations); // the quota of 1 still holds
        Assert.Equal(["R-QUO-1"], h.Observer.MisuseIds);
    }
}

public class PauseTests
{
    [Fact]
    public void R_PAUSE_3_MUST_pause_completes_after_suspend_and_once_nothing_is_outstanding()
    {
        using var h = new ChannelHarness();
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) => held.Add(p);
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Deliver();
        var pause = h.Channel.Pause();
        h.Run();
        Assert.Equal("Suspend", h.Client.Log[^1]);
        Assert.False(pause.IsCompleted);
        held[0].Complete(default);
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully);
    }

    [Fact]
    public void R_PAUSE_8_MUST_model_packets_arriving_while_paused_wait_and_come_after_start_nothing_lost()
    {
        using var h = new ChannelHarness();
        h.Open();
        var sent = new List<ulong>();
        for (var cycle = 0; cycle < 5; cycle++)
        {
            h.Channel.Pause();
            h.Run();
            var before = h.Client.Presentations.Count;
            for (var i = 0; i < 3; i++) sent.Add(h.SendInBand(ChannelHarness.Payload((ulong)(cycle * 3 + i), 8), id: (ulong)(cycle * 3 + i)));
            h.Deliver();
            Assert.Equal(before, h.Client.Presentations.Count); // R-LIFE-11: nothing while suspended
            h.Channel.Start();
            h.Run();
        }
        Assert.Equal(sent, h.Client.Presentations.Select(p => p.Tag));
    }

    [Fact]
    public void R_SYNC_4_MUST_suspend_never_overlaps_a_process_packet_call()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (ch, p, pres) =>
        {
            if (pres.Index == 1) Assert.True(Task.Run(() => { ch.Pause(); }).Wait(TimeSpan.FromSeconds(5))); // requested mid-run, from elsewhere
            p.Complete(default);
        };
        h.Open();
        for (var i = 0; i < 4; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8));
        h.Deliver();
        Assert.False(h.Client.Overlapped);
        Assert.Equal(["PP", "PP", "PC2", "Suspend"], h.Client.Log.Skip(3));
    }

    [Fact]
    public void R_PAUSE_7_MUST_start_during_an_unfinished_pause_restarts_once_the_pause_completes()
    {
        using var h = new ChannelHarness();
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) => held.Add(p);
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Deliver();
        var pause = h.Channel.Pause();
        h.Run();
        h.Channel.Start(); // before the outstanding packet is answered
        h.Run();
        Assert.Equal("Suspend", h.Client.Log[^1]);
        held[0].Complete(default);
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully);
        Assert.Equal(["Suspend", "Started", "PostStarted"], h.Client.Log.Skip(h.Client.Log.Count - 3));
    }

    [Fact]
    public void R_PAUSE_7_MUST_start_gives_started_then_post_started_then_the_waiting_packets()
    {
        using var h = new ChannelHarness();
        h.Open();
        h.Channel.Pause();
        h.Run();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Channel.Start();
        h.Run();
        Assert.Equal(["Suspend", "Started", "PostStarted", "PP", "PC1"], h.Client.Log.Skip(3));
    }
}

public class FailTests
{
    [Fact]
    public void R_FAIL_2_MUST_after_fail_nothing_more_is_presented_and_the_stop_is_reported()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) => { if (pres.Index == 1) p.Fail(); else p.Complete(default); };
        h.Open();
        for (var i = 0; i < 4; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8), completion: true);
        h.Deliver();
        h.Deliver();
        Assert.Equal(2, h.Client.Presentations.Count);
        Assert.Equal([2u], h.Client.ProcessingCompletes.Select(c => c.Count));
        var stop = Assert.Single(h.Observer.Stops);
        Assert.Equal(IntakeStopReason.PacketFailed, stop.Reason);
        Assert.Null(stop.Rule);
        // R-FAIL-5 (our choice): no completion for the failed packet; the completed one got its reply.
        Assert.Single(h.TakeCompletions());
        Assert.Equal(0, h.Channel.Outstanding);
    }

    [Fact]
    public void R_FAIL_3_MUST_model_outstanding_packets_can_still_be_completed_after_a_fail()
    {
        using var h = new ChannelHarness();
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) => held.Add(p);
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true);
        h.Deliver();
        held[1].Fail();
        held[0].Complete(default);
        Assert.Single(h.TakeCompletions());
        var pause = h.Channel.Pause();
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully);
    }

    [Fact]
    public void D10_a_deferred_packet_waiting_when_the_channel_fails_is_dropped_so_pause_still_completes()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) p.DeferToPassive();
            else p.Fail();
        };
        h.Channel.SetIncomingProcessingAtPassive(false);
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.SendInBand(ChannelHarness.Payload(2, 8));
        h.Deliver();
        var pause = h.Channel.Pause();
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully);
        Assert.Equal(0, h.Channel.Outstanding);
    }
}

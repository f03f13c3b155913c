using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests;

/// <summary>The documented choices where the contract is silent (README, "Choices").</summary>
public class RobustnessTests
{
    [Fact]
    public void R_LIFE_11_MUST_suspend_comes_after_the_representation_of_a_packet_deferred_before_the_pause()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, pres) => { if (pres.Index == 0) p.DeferToPassive(); else p.Complete(default); };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Channel.Signal();
        Assert.True(h.Det.RunOne()); // the dispatch-level run: presented once, deferred
        Assert.Single(h.Client.Presentations);
        var pause = h.Channel.Pause();
        h.Run();
        Assert.Equal(["PP", "PC1", "PP", "PC1", "Suspend"], h.Client.Log.Skip(3));
        Assert.True(pause.IsCompletedSuccessfully);
    }

    [Fact]
    public void R_LIFE_12_MUST_a_pause_waits_for_a_pending_packet_to_become_resident_and_be_answered()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 1);
        h.Memory.Evict(1);
        h.Client.Policy = (_, p, _) => { if (p.GetExternalData(0, out _) == NtStatus.Success) p.Complete(default); };
        h.Open();
        h.SendGpaDirect([new(8, 0, [1])], default);
        h.Deliver();
        var pause = h.Channel.Pause();
        h.Run();
        Assert.False(pause.IsCompleted);
        Assert.DoesNotContain("Suspend", h.Client.Log);
        h.Memory.MakeResident(1);
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully);
        Assert.Equal("Suspend", h.Client.Log[^1]);
        Assert.Single(h.TakeCompletions());
    }

    [Fact]
    public void R_PP_14_MUST_a_throwing_callback_is_not_an_answer_and_the_channel_carries_on()
    {
        using var h = new ChannelHarness();
        var thrower = default(VmbPacket);
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) { thrower = p; throw new InvalidOperationException("client bug"); }
            p.Complete(default);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true);
        h.Channel.Signal();
        Assert.Throws<InvalidOperationException>(() => h.Det.RunUntilIdle());
        h.Run();
        Assert.Equal(2, h.Client.Presentations.Count);
        Assert.Equal(1, h.Channel.Outstanding);
        thrower.Complete(default); // still live: the exception was not an answer (R-PP-14)
        Assert.Equal(2, h.TakeCompletions().Count);
    }

    [Fact]
    public void D8_duplicate_transaction_ids_each_get_their_own_completion()
    {
        using var h = new ChannelHarness();
        h.Open();
        for (var i = 0; i < 3; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8), completion: true, id: 42);
        h.SendInBand(ChannelHarness.Payload(9, 8), completion: false, id: 42);
        h.Deliver();
        Assert.Equal([42ul, 42ul, 42ul], h.TakeCompletions().Select(c => c.TransactionId));
    }

    [Fact]
    public void R_PAS_3_INFO_turning_passive_mode_on_mid_stream_moves_the_next_presentation_to_passive()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (ch, p, pres) =>
        {
            if (pres.Index == 0) ch.SetIncomingProcessingAtPassive(true);
            p.Complete(default);
        };
        h.Open();
        for (var i = 0; i < 3; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8));
        h.Deliver();
        Assert.Equal([Irql.Dispatch, Irql.Passive, Irql.Passive], h.Client.Presentations.Select(p => p.Irql));
        Assert.Equal([1u, 2u], h.Client.ProcessingCompletes.Select(c => c.Count));
    }
}

public class SignallingTests
{
    [Fact]
    public void R_SIG_3_MUST_a_packet_written_while_interrupts_are_masked_is_found_by_the_last_look_after_unmasking()
    {
        var ring = new InterleavingRing();
        using var h = new ChannelHarness(new KmclOptions { Ring = ring });
        h.Open();
        var signalled = true;
        // The peer writes right after the channel's read found the ring empty, while the mask is still set.
        ring.OnEmpty = () =>
        {
            Assert.Equal(Vmb.Spec.Spi.RingWriteStatus.Written, h.Peer.TryWrite(Vmb.Spec.Wire.PacketType.InBand, 0, 2, default, ChannelHarness.Payload(2, 8)));
            signalled = h.Peer.Commit();
        };
        h.SendInBand(ChannelHarness.Payload(1, 8), id: 1);
        h.Deliver();
        Assert.False(signalled); // R-SIG-1: no doorbell for a masked reader, so only the channel's own re-check finds it
        Assert.Equal([1ul, 2ul], h.Client.Presentations.Select(p => p.Tag));
    }
}

using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests;

public class LifecycleTests
{
    [Fact]
    public void R_LIFE_1_MUST_init_calls_succeed_only_while_disabled_else_INVALID_PARAMETER_1()
    {
        using var h = new ChannelHarness();
        Assert.Equal(NtStatus.Success, h.Channel.InitSetClientContextSize(16));
        Assert.Equal(NtStatus.Success, h.Channel.InitSetTransferPageSet(1, [5]));
        h.Open();
        Assert.Equal(NtStatus.InvalidParameter1, h.Channel.InitSetProcessPacketCallbacks((_, p, _, _, _) => p.Complete(default), null));
        Assert.Equal(NtStatus.InvalidParameter1, h.Channel.InitSetProcessPacketCallbacksEx(null, (_, _, p, _, _, _) => p.Complete(default), null));
        Assert.Equal(NtStatus.InvalidParameter1, h.Channel.InitSetClientContextSize(8));
        Assert.Equal(NtStatus.InvalidParameter1, h.Channel.InitSetStateChangeCallbacks(new StateChangeCallbacks()));
        Assert.Equal(NtStatus.InvalidParameter1, h.Channel.InitSetTransferPageSet(2, [6]));
    }

    [Fact]
    public void R_LIFE_3_MUST_null_process_packet_callback_is_INVALID_PARAMETER_2()
    {
        using var h = new ChannelHarness();
        Assert.Equal(NtStatus.InvalidParameter2, h.Channel.InitSetProcessPacketCallbacks(null, null));
        Assert.Equal(NtStatus.Success, h.Channel.InitSetProcessPacketCallbacks((_, p, _, _, _) => p.Complete(default), null));
    }

    [Fact]
    public void R_LIFE_2_MUST_null_Ex_process_packet_callback_is_INVALID_PARAMETER_3_its_argument_position()
    {
        using var h = new ChannelHarness();
        Assert.Equal(NtStatus.InvalidParameter3, h.Channel.InitSetProcessPacketCallbacksEx(new object(), null, null));
    }

    [Fact]
    public void R_LIFE_4_MUST_enable_returns_at_once_and_bring_up_follows_on_the_environment()
    {
        using var h = new ChannelHarness();
        h.Client.Register(h.Channel);
        Assert.Equal(NtStatus.Success, h.Channel.Enable());
        Assert.Empty(h.Client.Log);
        h.Run();
        Assert.Equal(["Opened", "Started", "PostStarted"], h.Client.Log);
    }

    [Fact]
    public void R_LIFE_19_MUST_state_callbacks_run_at_passive_level()
    {
        using var h = new ChannelHarness();
        h.Open();
        var pause = h.Channel.Pause();
        h.Run();
        var disable = h.Channel.Disable();
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully && disable.IsCompletedSuccessfully);
        Assert.Equal(["Opened", "Started", "PostStarted", "Suspend", "Closed"], h.Client.Log);
        Assert.All(h.Client.StateIrqls, irql => Assert.Equal(Irql.Passive, irql));
    }

    [Fact]
    public void R_LIFE_5_MUST_failed_opened_rolls_back_to_disabled_with_no_traffic()
    {
        using var h = new ChannelHarness();
        h.Client.OpenedStatus = NtStatus.DeviceRemoved;
        h.SendInBand(ChannelHarness.Payload(1, 16));
        h.Open();
        h.Deliver();
        Assert.Equal(["Opened"], h.Client.Log);
        Assert.Empty(h.Client.Presentations);
        // Disabled again: configuration is accepted once more (R-LIFE-1).
        Assert.Equal(NtStatus.Success, h.Channel.InitSetClientContextSize(4));
    }

    [Fact]
    public void R_LIFE_8_MUST_no_presentation_before_started_returned()
    {
        using var h = new ChannelHarness();
        h.SendInBand(ChannelHarness.Payload(1, 16));
        h.Client.Register(h.Channel);
        h.Channel.Enable();
        h.Channel.Signal();
        h.Run();
        var log = h.Client.Log;
        Assert.True(log.ToList().IndexOf("PP") > log.ToList().IndexOf("Started"));
        Assert.Equal(["Opened", "Started", "PostStarted", "PP", "PC1"], log);
    }

    [Fact]
    public void R_PAUSE_4_MUST_pause_while_disabled_brings_the_channel_up_paused()
    {
        using var h = new ChannelHarness();
        Assert.True(h.Channel.Pause().IsCompletedSuccessfully);
        h.SendInBand(ChannelHarness.Payload(1, 16));
        h.Open();
        h.Deliver();
        Assert.Equal(["Opened"], h.Client.Log);
        h.Channel.Start();
        h.Run();
        Assert.Equal(["Opened", "Started", "PostStarted", "PP", "PC1"], h.Client.Log);
    }

    [Fact]
    public void R_LIFE_16_MUST_disable_completes_only_when_paused_and_closed()
    {
        using var h = new ChannelHarness();
        var held = default(VmbPacket);
        h.Client.Policy = (_, p, _) => held = p;
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 16));
        h.Deliver();
        var disable = h.Channel.Disable();
        h.Run();
        Assert.False(disable.IsCompleted);
        Assert.Equal("Suspend", h.Client.Log[^1]);
        held.Complete(default);
        h.Run();
        Assert.True(disable.IsCompletedSuccessfully);
        Assert.Equal("Closed", h.Client.Log[^1]);
        Assert.Equal(NtStatus.Success, h.Channel.Enable()); // guest style: Disabled, can be enabled again (R-LIFE-15)
    }

    [Fact]
    public void D19_peer_close_delivers_suspend_waits_for_answers_then_closed()
    {
        using var h = new ChannelHarness();
        var held = default(VmbPacket);
        h.Client.Policy = (_, p, _) => held = p;
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 16));
        h.Deliver();
        h.Channel.NotifyPeerClosed();
        h.Run();
        Assert.Equal("Suspend", h.Client.Log[^1]);
        held.Complete(default);
        h.Run();
        Assert.Equal("Closed", h.Client.Log[^1]);
    }

    [Fact]
    public void R_LIFE_18_MUST_started_and_suspend_strictly_alternate_over_pause_start_cycles()
    {
        using var h = new ChannelHarness();
        h.Open();
        for (var i = 0; i < 4; i++)
        {
            h.Channel.Pause();
            h.Channel.Pause();
            h.Run();
            h.Channel.Start();
            h.Channel.Start();
            h.Run();
        }
        var states = h.Client.Log.Where(e => e is "Started" or "Suspend").ToArray();
        for (var i = 0; i < states.Length; i++) Assert.Equal(i % 2 == 0 ? "Started" : "Suspend", states[i]);
        Assert.Equal(5, states.Count(s => s == "Started"));
    }

    [Fact]
    public void R_PAUSE_7_MUST_a_pause_while_Started_is_delivered_waits_for_Suspend_and_the_next_start_delivers_Started_again()
    {
        // The interleaving a deep run's concurrency slice found: Start, then Pause and Start again while Started runs.
        using var h = new ChannelHarness();
        h.Open();
        h.Channel.Pause();
        h.Run();
        Task? pause = null;
        h.Client.OnState = state =>
        {
            if (state != "Started" || pause is not null) return;
            pause = h.Channel.Pause();
            Assert.False(pause.IsCompleted, "Pause completed while Started was still being delivered");
            h.Channel.Start();
        };
        h.Channel.Start();
        h.Run();
        Assert.True(pause!.IsCompletedSuccessfully);
        Assert.Equal(["Started", "PostStarted", "Suspend", "Started", "PostStarted"],
            h.Client.Log.SkipWhile(e => e != "Suspend").Skip(1).Where(e => e is "Started" or "PostStarted" or "Suspend"));
    }

    [Fact]
    public void D21_info_names_the_reference_and_declares_its_capabilities()
    {
        var info = new ReferenceChannelImplementation().Info;
        Assert.Equal("vmb-reference-kmcl", info.Name);
        Assert.Equal(FramingProfile.Raw, info.Profile);
        Assert.True(info.Has(ChannelCapabilities.MisuseDetection | ChannelCapabilities.ExternalData | ChannelCapabilities.TransferPagesAreExternalData));
        Assert.False(info.Has(ChannelCapabilities.QuotaCountsRepresentations));
        Assert.False(info.Has(ChannelCapabilities.CancelPackets));
        var pipe = new ReferenceChannelImplementation(new KmclOptions { Profile = FramingProfile.Pipe, TransferPagesAreExternalData = false }).Info;
        Assert.Equal(FramingProfile.Pipe, pipe.Profile);
        Assert.False(pipe.Has(ChannelCapabilities.TransferPagesAreExternalData));
    }

    [Fact]
    public void R_LIFE_2_MUST_bad_arguments_name_their_position_and_a_second_enable_is_refused()
    {
        using var h = new ChannelHarness();
        Assert.Equal(NtStatus.InvalidParameter1, h.Channel.Enable()); // nothing registered yet
        Assert.Equal(NtStatus.InvalidParameter2, h.Channel.InitSetClientContextSize(KmclChannel.MaxClientContextSize + 1));
        Assert.Equal(NtStatus.InvalidParameter2, h.Channel.InitSetStateChangeCallbacks(null!));
        Assert.Equal(NtStatus.InvalidParameter3, h.Channel.InitSetTransferPageSet(1, []));
        h.Open();
        Assert.Equal(NtStatus.InvalidParameter1, h.Channel.Enable());
    }
}

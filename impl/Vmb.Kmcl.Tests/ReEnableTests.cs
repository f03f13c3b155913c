using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;

namespace Vmb.Kmcl.Tests;

/// <summary>
/// A guest channel is Disabled after Closed and must be enabled again (R-LIFE-15): the second bring-up is a first one,
/// and calls repeated before the first one finished wait for the same outcome.
/// </summary>
public class ReEnableTests
{
    private static readonly string[] BringUp = ["Opened", "Started", "PostStarted"];

    [Fact]
    public void R_LIFE_15_MUST_a_disabled_channel_enabled_again_comes_up_again_and_presents()
    {
        using var h = new ChannelHarness();
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 1);
        h.Deliver();
        var disable = h.Channel.Disable();
        h.Run();
        Assert.True(disable.IsCompletedSuccessfully);
        Assert.Equal([.. BringUp, "PP", "PC1", "Suspend", "Closed"], h.Client.Log);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true, id: 2);
        h.Deliver();
        Assert.Single(h.Client.Presentations); // nothing while disabled (R-LIFE-6)

        Assert.Equal(NtStatus.Success, h.Channel.Enable());
        h.Run();
        Assert.Equal([.. BringUp, "PP", "PC1", "Suspend", "Closed", .. BringUp, "PP", "PC1"], h.Client.Log);
        Assert.Equal([1UL, 2UL], h.TakeCompletions().Select(c => c.TransactionId));
        MisuseTests.AssertStillConsistent(h);
    }

    [Fact]
    public void R_LIFE_16_MUST_a_disable_before_opened_abandons_the_bring_up_and_the_channel_can_be_enabled_again()
    {
        using var h = new ChannelHarness();
        h.Client.Register(h.Channel);
        Assert.Equal(NtStatus.Success, h.Channel.Enable());
        var disable = h.Channel.Disable();
        h.Run();
        Assert.True(disable.IsCompletedSuccessfully);
        Assert.Empty(h.Client.Log); // never opened, so nothing to close
        Assert.Equal(NtStatus.Success, h.Channel.InitSetClientContextSize(4)); // Disabled again (R-LIFE-1)
        Assert.Equal(NtStatus.Success, h.Channel.Enable());
        h.Run();
        Assert.Equal(BringUp, h.Client.Log);
    }

    [Fact]
    public void R_LIFE_16_MUST_every_disable_call_completes_once_the_channel_is_closed()
    {
        using var h = new ChannelHarness();
        h.Open();
        var first = h.Channel.Disable();
        var second = h.Channel.Disable();
        h.Run();
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
        Assert.Equal("Closed", h.Client.Log[^1]);
    }

    [Fact]
    public void R_PAUSE_3_MUST_every_pause_call_completes_once_the_channel_is_paused()
    {
        using var h = new ChannelHarness();
        h.Open();
        var first = h.Channel.Pause();
        var second = h.Channel.Pause();
        h.Run();
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
        Assert.Equal([.. BringUp, "Suspend"], h.Client.Log);
    }
}

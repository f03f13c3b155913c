using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests;

/// <summary>
/// GetExternalData asked after the callback returned (R-EXT-17 is only a SHOULD): a PENDING result then supersedes the
/// handle at once, and the packet comes back once its pages are resident (R-EXT-9), as it does from inside the callback.
/// </summary>
public class LateExternalDataTests
{
    [Fact]
    public void R_EXT_9_MUST_pending_after_the_callback_supersedes_the_handle_and_the_packet_returns_once_resident()
    {
        using var h = new ChannelHarness();
        h.AddPages(20, 2);
        h.Memory.Evict(21);
        var kept = new List<VmbPacket>();
        var laterStatuses = new List<int>();
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) { kept.Add(p); return; } // answered later, outside the callback (R-SYNC-1)
            laterStatuses.Add(p.GetExternalData(0, out var _));
            p.Complete(default);
        };
        h.Open();
        h.SendGpaDirect([new GpaRange(6000, 100, [20, 21])], ChannelHarness.Payload(1, 8), id: 1);
        h.Deliver();
        var first = Assert.Single(kept);

        Assert.Equal(NtStatus.Pending, first.GetExternalData(0, out var view));
        Assert.Null(view);
        h.Run();
        Assert.Single(h.Client.Presentations); // waits for page 21
        Assert.Equal(1, h.Channel.Outstanding);
        MisuseTests.AssertNamed(h, "R-MIS-2", () => first.Complete(default)); // the handle ended with PENDING

        var pause = h.Channel.Pause();
        h.Run();
        Assert.False(pause.IsCompleted); // Suspend waits for the packet that waits for residency (R-LIFE-12)
        h.Memory.MakeResident(21);
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully);
        var ps = h.Client.Presentations;
        Assert.Equal(2, ps.Count);
        Assert.Equal(ps[0].Buffer, ps[1].Buffer); // the same packet (R-EXT-10)
        Assert.Equal([NtStatus.Success], laterStatuses);
        Assert.Equal(1UL, Assert.Single(h.TakeCompletions()).TransactionId);
        Assert.Equal(0, h.Channel.Outstanding);
        h.Channel.Start();
        h.Run();
        MisuseTests.AssertStillConsistent(h);
    }

    [Fact]
    public void R_PP_14_MUST_a_callback_that_throws_after_a_pending_result_still_gets_its_packet_back_once_resident()
    {
        using var h = new ChannelHarness();
        h.AddPages(30, 1);
        h.Memory.Evict(30);
        var statuses = new List<int>();
        h.Client.Policy = (_, p, pres) =>
        {
            statuses.Add(p.GetExternalData(0, out var _));
            if (pres.Index == 0) throw new InvalidOperationException("client bug after PENDING");
            p.Complete(default);
        };
        h.Open();
        h.SendGpaDirect([new GpaRange(8, 0, [30])], ChannelHarness.Payload(1, 8), id: 7);
        h.Channel.Signal();
        Assert.Throws<InvalidOperationException>(() => h.Det.RunUntilIdle());
        h.Run();
        Assert.Single(h.Client.Presentations);
        h.Memory.MakeResident(30);
        h.Run();
        Assert.Equal([NtStatus.Pending, NtStatus.Success], statuses);
        Assert.Equal(7UL, Assert.Single(h.TakeCompletions()).TransactionId);
        Assert.Equal(0, h.Channel.Outstanding);
    }
}

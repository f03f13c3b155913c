using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests;

/// <summary>Each misuse is named by its ID, reported to the observer, and leaves the channel working (D12).</summary>
public class MisuseTests
{
    internal static void AssertNamed(ChannelHarness h, string id, Action misuse)
    {
        var e = Assert.Throws<ContractViolationException>(misuse);
        Assert.Equal(id, e.RequirementId);
        Assert.Contains(id, h.Observer.MisuseIds);
    }

    /// <summary>After the misuse the channel still presents, completes and pauses normally.</summary>
    internal static void AssertStillConsistent(ChannelHarness h)
    {
        var before = h.Client.Presentations.Count;
        h.Client.Policy = (_, p, _) => p.Complete(default);
        h.SendInBand(ChannelHarness.Payload(99, 8), completion: true, id: 99);
        h.Deliver();
        Assert.Equal(before + 1, h.Client.Presentations.Count);
        Assert.Contains(h.TakeCompletions(), c => c.TransactionId == 99);
        Assert.Equal(0, h.Channel.Outstanding);
        var pause = h.Channel.Pause();
        h.Run();
        Assert.True(pause.IsCompletedSuccessfully);
    }

    // A GPA-direct packet whose page is not resident, delivered once: its first presentation runs firstCallback, every
    // later one completes.
    private static ChannelHarness PresentNonResidentGpaPacket(Action<VmbPacket> firstCallback)
    {
        var h = new ChannelHarness();
        try
        {
            h.AddPages(1, 1);
            h.Memory.Evict(1);
            h.Client.Policy = (_, p, pres) =>
            {
                if (pres.Index == 0) firstCallback(p);
                else p.Complete(default);
            };
            h.Open();
            h.SendGpaDirect([new(8, 0, [1])], default);
            h.Deliver();
            return h;
        }
        catch
        {
            h.Dispose();
            throw;
        }
    }

    private static VmbPacket PresentOne(ChannelHarness h, Action<VmbPacket>? inCallback = null, bool completion = true)
    {
        var held = default(VmbPacket);
        h.Client.Policy = (_, p, _) => { held = p; inCallback?.Invoke(p); };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion);
        h.Deliver();
        return held;
    }

    [Fact]
    public void R_MIS_1_MAY_a_second_complete_is_named_and_writes_no_second_reply()
    {
        using var h = new ChannelHarness();
        var p = PresentOne(h);
        p.Complete(default);
        AssertNamed(h, "R-MIS-1", () => p.Complete(default));
        AssertNamed(h, "R-MIS-1", () => p.Fail());
        Assert.Single(h.TakeCompletions());
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_1_MAY_a_second_answer_inside_the_callback_is_named()
    {
        using var h = new ChannelHarness();
        var seen = new List<string>();
        PresentOne(h, p =>
        {
            p.Complete(default);
            seen.Add(Assert.Throws<ContractViolationException>(() => p.Complete(default)).RequirementId);
        });
        Assert.Equal(["R-MIS-1"], seen);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_2_MAY_answer_defer_or_external_data_through_a_superseded_handle_is_named()
    {
        using var h = new ChannelHarness();
        var first = default(VmbPacket);
        h.Client.Policy = (_, p, pres) => { if (pres.Index == 0) { first = p; p.DeferToPassive(); } };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.Deliver();
        var second = h.Client.Presentations[1].Packet;
        AssertNamed(h, "R-MIS-2", () => first.Complete(default));
        AssertNamed(h, "R-MIS-2", () => first.DeferToPassive());
        AssertNamed(h, "R-MIS-2", () => first.GetExternalData(0, out _));
        AssertNamed(h, "R-MIS-2", () => first.GetClientContext());
        Assert.Empty(h.TakeCompletions());
        second.Complete(default); // the fresh handle still owes and takes the one answer
        Assert.Single(h.TakeCompletions());
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_3_MAY_defer_outside_the_presenting_callback_is_named()
    {
        using var h = new ChannelHarness();
        var p = PresentOne(h);
        AssertNamed(h, "R-MIS-3", () => p.DeferToPassive());
        string? fromOtherThread = null;
        var other = new Thread(() => fromOtherThread = Assert.Throws<ContractViolationException>(() => p.DeferToPassive()).RequirementId);
        other.Start();
        other.Join();
        Assert.Equal("R-MIS-3", fromOtherThread);
        p.Complete(default); // still live: the rejected calls changed nothing
        Assert.Single(h.TakeCompletions());
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_3_MAY_defer_combined_with_complete_or_fail_in_one_call_is_named()
    {
        using var h = new ChannelHarness();
        var seen = new List<string>();
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0)
            {
                p.Complete(default);
                seen.Add(Assert.Throws<ContractViolationException>(() => p.DeferToPassive()).RequirementId);
            }
            else if (pres.Index == 1)
            {
                p.DeferToPassive();
                seen.Add(Assert.Throws<ContractViolationException>(() => p.Complete(default)).RequirementId);
                seen.Add(Assert.Throws<ContractViolationException>(() => p.Fail()).RequirementId);
            }
            else p.Complete(default);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true);
        h.Deliver();
        Assert.Equal(["R-MIS-3", "R-MIS-3", "R-MIS-3"], seen);
        Assert.Equal(3, h.Client.Presentations.Count); // the deferral stood: packet 2 came back at passive
        Assert.Equal(2, h.TakeCompletions().Count);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_3_MAY_defer_combined_with_a_pending_external_data_result_is_named()
    {
        var seen = new List<string>();
        using var h = PresentNonResidentGpaPacket(p =>
        {
            Assert.Equal(NtStatus.Pending, p.GetExternalData(0, out var _));
            seen.Add(Assert.Throws<ContractViolationException>(() => p.DeferToPassive()).RequirementId);
        });
        h.Memory.MakeResident(1);
        h.Run();
        Assert.Equal(["R-MIS-3"], seen);
        Assert.Single(h.TakeCompletions());
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_3_MAY_external_data_that_would_be_pending_after_defer_in_the_same_callback_is_named()
    {
        var seen = new List<string>();
        using var h = PresentNonResidentGpaPacket(p =>
        {
            p.DeferToPassive();
            seen.Add(Assert.Throws<ContractViolationException>(() => p.GetExternalData(0, out var _)).RequirementId);
        });
        Assert.Equal(["R-MIS-3"], seen);
        Assert.Equal(["R-MIS-3"], h.Observer.MisuseIds);
        h.Memory.MakeResident(1);
        h.Run();
        Assert.Single(h.TakeCompletions()); // the deferral stood: presented again at PASSIVE_LEVEL and answered
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_4_MAY_external_data_on_an_unflagged_packet_is_reported_without_exception()
    {
        using var h = new ChannelHarness();
        var p = PresentOne(h);
        Assert.Equal(NtStatus.InvalidParameter1, p.GetExternalData(0, out var view));
        Assert.Null(view);
        Assert.Equal(["R-MIS-4"], h.Observer.MisuseIds);
        p.Complete(default);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_5_MAY_a_dead_view_is_named_on_every_member()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 1);
        IExternalDataView? view = null;
        h.Client.Policy = (_, p, _) => { p.GetExternalData(0, out view); p.Complete(default); };
        h.Open();
        h.SendGpaDirect([new(8, 0, [1])], default);
        h.Deliver();
        AssertNamed(h, "R-MIS-5", () => view!.Read(0, new byte[1]));
        AssertNamed(h, "R-MIS-5", () => view!.Write(0, [1]));
        AssertNamed(h, "R-MIS-5", () => _ = view!.Ranges);
        AssertNamed(h, "R-MIS-5", () => _ = view!.IsReadOnly);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_6_MAY_a_write_through_a_read_only_view_is_named_and_changes_nothing()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 1);
        h.Client.Policy = (_, p, _) =>
        {
            p.GetExternalData(KmclFlags.ExternalDataReadOnly, out var view);
            AssertNamed(h, "R-MIS-6", () => view!.Write(0, [0xFF]));
            p.Complete(default);
        };
        h.Open();
        h.SendGpaDirect([new(8, 0, [1])], default);
        h.Deliver();
        var first = new byte[1];
        h.Memory.Read(1, 0, first);
        Assert.Equal(ChannelHarness.PageContents(1)[0], first[0]);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_7_MAY_complete_or_fail_after_pending_in_the_same_call_is_named()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 1);
        h.Memory.Evict(1);
        var seen = new List<string>();
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0)
            {
                Assert.Equal(NtStatus.Pending, p.GetExternalData(0, out var _));
                seen.Add(Assert.Throws<ContractViolationException>(() => p.Complete(default)).RequirementId);
                seen.Add(Assert.Throws<ContractViolationException>(() => p.Fail()).RequirementId);
            }
            else p.Complete(default);
        };
        h.Open();
        h.SendGpaDirect([new(8, 0, [1])], default);
        h.Deliver();
        h.Memory.MakeResident(1);
        h.Run();
        Assert.Equal(["R-MIS-7", "R-MIS-7"], seen);
        Assert.Equal(2, h.Client.Presentations.Count);
        Assert.Single(h.TakeCompletions());
        Assert.Empty(h.Observer.Stops); // the rejected Fail did not stop intake
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_8_MAY_pause_or_disable_inside_a_process_packet_callback_faults_the_task_instead_of_deadlocking()
    {
        using var h = new ChannelHarness();
        Task? pause = null, disable = null;
        PresentOne(h, p =>
        {
            pause = h.Channel.Pause();
            disable = h.Channel.Disable();
            p.Complete(default);
        });
        Assert.Equal("R-MIS-8", Assert.IsType<ContractViolationException>(pause!.Exception!.InnerException).RequirementId);
        Assert.Equal("R-MIS-8", Assert.IsType<ContractViolationException>(disable!.Exception!.InnerException).RequirementId);
        Assert.Equal(["R-MIS-8", "R-MIS-8"], h.Observer.MisuseIds);
        Assert.DoesNotContain("Suspend", h.Client.Log); // state unchanged by the rejected calls
        AssertStillConsistent(h);
    }
}

using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests;

public class ExternalDataTests
{
    private static byte[] Expected(ChannelHarness h, IReadOnlyList<GpaRange> ranges)
    {
        var bytes = new List<byte>();
        foreach (var r in ranges)
            for (var i = 0; i < r.ByteCount; i++)
            {
                var linear = r.ByteOffset + i;
                bytes.Add(ChannelHarness.PageContents(r.PageNumbers[(int)(linear / 4096)])[linear % 4096]);
            }
        return bytes.ToArray();
    }

    [Fact]
    public void R_EXT_16_MUST_model_gpa_direct_view_covers_exactly_the_sender_ranges_in_order()
    {
        using var h = new ChannelHarness();
        h.AddPages(10, 4);
        GpaRange[] ranges = [new(5000, 300, [11, 12]), new(7, 4000, [10]), new(4096, 0, [13])];
        IExternalDataView? view = null;
        byte[]? read = null;
        h.Client.Policy = (_, p, _) =>
        {
            Assert.Equal(NtStatus.Success, p.GetExternalData(KmclFlags.ExternalDataReadOnly, out view));
            read = new byte[view!.Length];
            view.Read(0, read);
            p.Complete(default);
        };
        h.Open();
        h.SendGpaDirect(ranges, ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Equal(5000 + 7 + 4096, read!.Length);
        Assert.Equal(Expected(h, ranges), read);
    }

    [Fact]
    public void R_EXT_16_MUST_model_transfer_page_view_is_expressed_over_the_registered_set()
    {
        using var h = new ChannelHarness();
        h.AddPages(50, 3);
        h.Channel.InitSetTransferPageSet(9, [52, 50, 51]);
        IReadOnlyList<GpaRange>? seen = null;
        byte[]? read = null;
        h.Client.Policy = (_, p, _) =>
        {
            Assert.Equal(NtStatus.Success, p.GetExternalData(0, out var view));
            seen = view!.Ranges.ToArray();
            read = new byte[view.Length];
            view.Read(0, read);
            p.Complete(default);
        };
        h.Open();
        h.SendTransferPages(9, [new TransferPageRange(200, 4000), new TransferPageRange(10, 8192)], ChannelHarness.Payload(1, 8));
        h.Deliver();
        GpaRange[] expected = [new(200, 4000, [52, 50]), new(10, 0, [51])];
        Assert.Equal(expected.Length, seen!.Count);
        for (var i = 0; i < expected.Length; i++) Assert.True(expected[i].SameAs(seen[i]), $"range {i}");
        Assert.Equal(Expected(h, expected), read);
    }

    [Fact]
    public void R_EXT_6_MUST_undefined_flag_bits_give_INVALID_PARAMETER_2_and_no_view()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 1);
        int status = 0;
        IExternalDataView? view = null;
        h.Client.Policy = (_, p, _) => { status = p.GetExternalData(0x2, out view); p.Complete(default); };
        h.Open();
        h.SendGpaDirect([new GpaRange(8, 0, [1])], default);
        h.Deliver();
        Assert.Equal(NtStatus.InvalidParameter2, status);
        Assert.Null(view);
    }

    [Fact]
    public void R_EXT_5_MUST_model_unflagged_packet_gives_an_error_no_view_no_exception_and_R_MIS_4_MAY_is_reported()
    {
        using var h = new ChannelHarness();
        int status = 0;
        IExternalDataView? view = null;
        h.Client.Policy = (_, p, _) => { status = p.GetExternalData(0, out view); p.Complete(default); };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.False(NtStatus.IsSuccess(status));
        Assert.Null(view);
        Assert.Equal(["R-MIS-4"], h.Observer.MisuseIds);
    }

    [Fact]
    public void R_EXT_11_MUST_missing_page_or_unknown_set_gives_an_error_and_the_client_still_answers()
    {
        using var h = new ChannelHarness();
        var statuses = new List<int>();
        h.Client.Policy = (_, p, _) => { statuses.Add(p.GetExternalData(0, out var v)); Assert.Null(v); p.Complete(default); };
        h.Open();
        h.SendGpaDirect([new GpaRange(8, 0, [999])], default);
        h.SendTransferPages(4, [new TransferPageRange(8, 0)], default);
        h.Deliver();
        Assert.Equal(2, statuses.Count);
        Assert.All(statuses, s => Assert.False(NtStatus.IsSuccess(s)));
        Assert.Equal(0, h.Channel.Outstanding);
    }

    [Fact]
    public void R_EXT_9_MUST_pending_then_presented_again_once_resident_and_the_view_then_succeeds()
    {
        using var h = new ChannelHarness();
        h.AddPages(20, 2);
        h.Memory.Evict(21);
        var statuses = new List<int>();
        h.Client.Policy = (_, p, _) =>
        {
            var status = p.GetExternalData(0, out var view);
            statuses.Add(status);
            if (status == NtStatus.Success) p.Complete(default);
            else Assert.Null(view); // R-EXT-8: just return
        };
        h.Open();
        h.SendGpaDirect([new GpaRange(6000, 100, [20, 21])], ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Equal([NtStatus.Pending], statuses);
        Assert.Equal(1, h.Channel.Outstanding);
        h.Memory.MakeResident(21);
        h.Run();
        Assert.Equal([NtStatus.Pending, NtStatus.Success], statuses);
        var ps = h.Client.Presentations;
        Assert.Equal(ps[0].Buffer, ps[1].Buffer);
        Assert.Equal(ps[0].Flags, ps[1].Flags);
        Assert.NotEqual(ps[0].Packet, ps[1].Packet); // a re-presentation comes with a new token
        Assert.Single(h.TakeCompletions());
    }

    [Fact]
    public void R_EXT_14_MUST_view_is_dead_after_the_answer_and_R_MIS_5_MAY_names_its_use()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 1);
        IExternalDataView? view = null;
        h.Client.Policy = (_, p, _) => { p.GetExternalData(0, out view); p.Complete(default); };
        h.Open();
        h.SendGpaDirect([new GpaRange(8, 0, [1])], default);
        h.Deliver();
        var e = Assert.Throws<ContractViolationException>(() => view!.Read(0, new byte[4]));
        Assert.Equal("R-MIS-5", e.RequirementId);
        Assert.Throws<ContractViolationException>(() => view!.Length);
        Assert.Equal(["R-MIS-5", "R-MIS-5"], h.Observer.MisuseIds);
    }

    [Fact]
    public void R_EXT_6_MUST_a_writable_view_writes_guest_memory_and_R_MIS_6_MAY_names_a_write_through_a_read_only_view()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 2);
        h.Client.Policy = (_, p, _) =>
        {
            p.GetExternalData(0, out var writable);
            writable!.Write(4090, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
            p.GetExternalData(KmclFlags.ExternalDataReadOnly, out var readOnly);
            var e = Assert.Throws<ContractViolationException>(() => readOnly!.Write(0, [1]));
            Assert.Equal("R-MIS-6", e.RequirementId);
            p.Complete(default);
        };
        h.Open();
        h.SendGpaDirect([new GpaRange(8192, 0, [1, 2])], default);
        h.Deliver();
        var page = new byte[16];
        h.Memory.Read(2, 0, page);
        Assert.Equal([7, 8, 9, 10], page[..4]); // bytes 1..6 end page 1, the rest start page 2
        Assert.Equal(["R-MIS-6"], h.Observer.MisuseIds);
    }

    [Fact]
    public void R_FAIL_7_MUST_model_fail_releases_the_packet_views_like_complete()
    {
        using var h = new ChannelHarness();
        h.AddPages(1, 1);
        IExternalDataView? view = null;
        h.Client.Policy = (_, p, _) => { p.GetExternalData(0, out view); p.Fail(); };
        h.Open();
        h.SendGpaDirect([new GpaRange(8, 0, [1])], default);
        h.Deliver();
        Assert.Equal("R-MIS-5", Assert.Throws<ContractViolationException>(() => view!.Read(0, new byte[1])).RequirementId);
    }

    [Fact]
    public void R_EXT_19_MUST_a_pipe_channel_flags_nothing_and_GetExternalData_gives_no_view()
    {
        using var h = new ChannelHarness(new KmclOptions { Profile = FramingProfile.Pipe });
        int status = 0;
        IExternalDataView? view = null;
        h.Client.Policy = (_, p, _) => { status = p.GetExternalData(0, out view); p.Complete(default); };
        h.Open();
        h.SendPipe(ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Equal(0u, Assert.Single(h.Client.Presentations).Flags);
        Assert.False(NtStatus.IsSuccess(status));
        Assert.Null(view);
    }
}

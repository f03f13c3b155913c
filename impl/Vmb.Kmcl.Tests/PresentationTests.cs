using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests;

public class PresentationTests
{
    private static byte[] Padded(byte[] payload)
    {
        var padded = new byte[WireConstants.AlignUp(payload.Length)];
        payload.CopyTo(padded, 0);
        return padded;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(1000)]
    public void R_PP_7_MUST_raw_buffer_is_the_padded_payload_without_any_header(int length)
    {
        using var h = new ChannelHarness();
        h.Open();
        var payload = ChannelHarness.Payload(3, length);
        h.SendInBand(payload, completion: true);
        h.Deliver();
        var p = Assert.Single(h.Client.Presentations);
        Assert.Equal(Padded(payload), p.Buffer);
        Assert.Equal((uint)WireConstants.AlignUp(length), p.BufferLength);
        Assert.Equal(0u, p.Flags);
    }

    [Fact]
    public void R_PP_5_MUST_range_headers_of_0x7_and_0x9_are_not_in_buffer_and_R_EXT_2_MUST_flags_follow_the_type()
    {
        using var h = new ChannelHarness();
        h.AddPages(100, 2);
        h.Channel.InitSetTransferPageSet(3, [100, 101]);
        h.Open();
        var a = ChannelHarness.Payload(1, 24);
        var b = ChannelHarness.Payload(2, 40);
        var c = ChannelHarness.Payload(3, 16);
        h.SendTransferPages(3, [new TransferPageRange(100, 4000)], a);
        h.SendGpaDirect([new GpaRange(10, 5, [100])], b);
        h.SendInBand(c);
        h.Deliver();
        var ps = h.Client.Presentations;
        Assert.Equal([a, b, c], ps.Select(p => p.Buffer));
        Assert.Equal([KmclFlags.ProcessPacketExternalData, KmclFlags.ProcessPacketExternalData, 0u], ps.Select(p => p.Flags));
    }

    [Fact]
    public void D3_transfer_pages_unflagged_when_the_option_says_so()
    {
        using var h = new ChannelHarness(new KmclOptions { TransferPagesAreExternalData = false });
        h.Open();
        h.SendTransferPages(3, [new TransferPageRange(8, 0)], ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Equal(0u, Assert.Single(h.Client.Presentations).Flags);
    }

    [Fact]
    public void R_PP_15_MUST_packets_are_presented_in_ring_order_across_wrap_around()
    {
        using var h = new ChannelHarness(startOffset: ChannelHarness.DefaultRingSize - 64);
        h.Open();
        var tags = new List<ulong>();
        for (var round = 0; round < 6; round++)
        {
            for (var i = 0; i < 5; i++) tags.Add(h.SendInBand(ChannelHarness.Payload((ulong)(round * 10 + i), 900), id: (ulong)(round * 10 + i)));
            h.Deliver();
        }
        Assert.Equal(tags, h.Client.Presentations.Select(p => p.Tag));
    }

    [Fact]
    public void R_PP_18_MUST_processing_complete_once_per_run_with_its_count_after_the_last_packet()
    {
        using var h = new ChannelHarness();
        h.Open();
        for (var i = 0; i < 3; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 16));
        h.Deliver();
        h.SendInBand(ChannelHarness.Payload(9, 16));
        h.Deliver();
        h.Deliver(); // an empty run: no ProcessingComplete
        Assert.Equal([3u, 1u], h.Client.ProcessingCompletes.Select(c => c.Count));
        Assert.Equal(["PP", "PP", "PP", "PC3", "PP", "PC1"], h.Client.Log.Skip(3));
    }

    [Fact]
    public void R_CTX_1_MUST_Ex_callbacks_receive_the_registered_context_unchanged()
    {
        using var h = new ChannelHarness();
        var context = new object();
        h.Open(ex: true, context: context);
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.SendInBand(ChannelHarness.Payload(2, 8));
        h.Deliver();
        Assert.All(h.Client.Presentations, p => Assert.Same(context, p.Context));
        Assert.Same(context, Assert.Single(h.Client.ProcessingCompletes).Context);
    }

    [Fact]
    public void R_CTX_2_MUST_last_registration_wins_and_legacy_and_Ex_exclude_each_other()
    {
        using var h = new ChannelHarness();
        var calls = new List<string>();
        h.Channel.InitSetProcessPacketCallbacksEx(1, (_, _, p, _, _, _) => { calls.Add("ex"); p.Complete(default); }, null);
        h.Channel.InitSetProcessPacketCallbacks((_, p, _, _, _) => { calls.Add("legacy"); p.Complete(default); }, null);
        h.Channel.Enable();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Equal(["legacy"], calls);
    }

    [Fact]
    public void R_PP_16_MUST_incoming_completion_and_cancel_packets_are_consumed_and_reported_not_presented()
    {
        using var h = new ChannelHarness();
        h.Open();
        h.Send(PacketType.Completion, default, ChannelHarness.Payload(1, 8), id: 77);
        h.Send(PacketType.Cancel, default, default, id: 78);
        h.SendInBand(ChannelHarness.Payload(2, 8));
        h.Deliver();
        Assert.Equal([2ul], h.Client.Presentations.Select(p => p.Tag));
        Assert.Equal([(PacketType.Completion, 77ul), (PacketType.Cancel, 78ul)], h.Observer.NonData);
        Assert.Empty(h.Observer.Stops);
    }

    [Fact]
    public void R_PP_24_MUST_model_pipe_buffer_starts_after_the_pipe_header_and_length_is_exact()
    {
        using var h = new ChannelHarness(new KmclOptions { Profile = FramingProfile.Pipe });
        h.Open();
        var data = ChannelHarness.Payload(5, 13);
        h.SendPipe(data);
        h.SendPipe([]);
        h.Deliver();
        var ps = h.Client.Presentations;
        Assert.Equal(data, ps[0].Buffer);
        Assert.Equal(13u, ps[0].BufferLength);
        Assert.Equal(0u, ps[1].BufferLength);
        Assert.Empty(ps[1].Buffer);
    }

    [Fact]
    public void R_PAS_2_MAY_without_passive_mode_packets_come_at_dispatch_level()
    {
        using var h = new ChannelHarness();
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Equal(Irql.Dispatch, Assert.Single(h.Client.Presentations).Irql);
    }

    [Fact]
    public void R_PAS_1_MUST_with_passive_mode_every_packet_and_processing_complete_call_runs_at_passive()
    {
        using var h = new ChannelHarness();
        h.Channel.SetIncomingProcessingAtPassive(true);
        h.Open();
        for (var i = 0; i < 4; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8));
        h.Deliver();
        Assert.Equal(4, h.Client.Presentations.Count);
        Assert.All(h.Client.Presentations, p => Assert.Equal(Irql.Passive, p.Irql));
        Assert.All(h.Client.ProcessingCompletes, c => Assert.Equal(Irql.Passive, c.Irql));
    }

    [Fact]
    public void R_CTX_3_MUST_each_packet_has_its_own_zeroed_client_context_of_the_configured_size()
    {
        using var h = new ChannelHarness();
        h.Channel.InitSetClientContextSize(24);
        var held = new List<VmbPacket>();
        h.Client.Policy = (_, p, _) =>
        {
            var ctx = p.GetClientContext();
            Assert.Equal(24, ctx.Length);
            Assert.All(ctx.ToArray(), b => Assert.Equal(0, b));
            ctx.Span.Fill((byte)(held.Count + 1));
            held.Add(p);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        h.SendInBand(ChannelHarness.Payload(2, 8));
        h.Deliver();
        Assert.Equal(1, held[0].GetClientContext().Span[0]);
        Assert.Equal(2, held[1].GetClientContext().Span[0]);
        foreach (var p in held) p.Complete(default);
    }

    [Fact]
    public void R_PP_21_MAY_a_channel_without_processing_complete_works_normally()
    {
        using var h = new ChannelHarness();
        h.Open(processingComplete: false);
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true);
        h.Deliver();
        Assert.Equal(2, h.Client.Presentations.Count);
        Assert.Empty(h.Client.ProcessingCompletes);
        Assert.Equal(2, h.TakeCompletions().Count);
    }
}

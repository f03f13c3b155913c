using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests;

public class MalformedTests
{
    [Fact]
    public void R_MAL_9_MUST_a_corrupt_descriptor_stops_intake_for_good_and_is_reported_with_its_rule()
    {
        using var h = new ChannelHarness();
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8));
        var second = h.Peer.PublishedWriteIndex;
        h.SendInBand(ChannelHarness.Payload(2, 8));
        h.SendInBand(ChannelHarness.Payload(3, 8));
        h.IncomingData[second + 2] = 1; // offset8 = 1 (R-MAL-3)
        h.Deliver();
        h.Deliver();
        Assert.Equal([1ul], h.Client.Presentations.Select(p => p.Tag)); // R-PP-17: never reaches the client
        var stop = Assert.Single(h.Observer.Stops);
        Assert.Equal(IntakeStopReason.MalformedRing, stop.Reason);
        Assert.Equal("R-MAL-3", stop.Rule);
        Assert.Equal((uint)second, ControlPage.Read(h.IncomingControl, ControlPage.ReadIndexOffset));
    }

    [Fact]
    public void R_EXT_19_MUST_external_data_on_a_pipe_channel_stops_intake_and_never_reaches_the_client()
    {
        using var h = new ChannelHarness(new KmclOptions { Profile = FramingProfile.Pipe });
        h.Open();
        h.SendPipe(ChannelHarness.Payload(1, 8));
        var bad = h.Peer.PublishedWriteIndex;
        h.SendGpaDirect([new(8, 0, [1])], default);
        h.SendPipe(ChannelHarness.Payload(3, 8));
        h.Deliver();
        Assert.Single(h.Client.Presentations);
        Assert.Equal("R-EXT-19", Assert.Single(h.Observer.Stops).Rule);
        // The rejected packet is not consumed (R-MAL-9): the read index stops in front of it.
        Assert.Equal((uint)bad, ControlPage.Read(h.IncomingControl, ControlPage.ReadIndexOffset));
    }

    [Theory]
    [InlineData(9, 8)]       // declared size above the bytes present
    [InlineData(20000, 20000)] // above the pipe limit
    [InlineData(16385, 16385)] // one byte above it
    public void R_PP_24_MUST_model_a_pipe_header_that_contradicts_the_packet_stops_intake(uint declared, int present)
    {
        using var h = new ChannelHarness(new KmclOptions { Profile = FramingProfile.Pipe }, incomingSize: 65536);
        h.Open();
        h.SendPipe(new byte[present], declaredSize: declared);
        h.Deliver();
        Assert.Empty(h.Client.Presentations);
        Assert.Equal("R-PP-24", Assert.Single(h.Observer.Stops).Rule);
    }

    [Fact]
    public void R_PP_24_MUST_model_a_pipe_payload_of_exactly_the_limit_is_presented_whole()
    {
        using var h = new ChannelHarness(new KmclOptions { Profile = FramingProfile.Pipe }, incomingSize: 65536);
        h.Open();
        var data = ChannelHarness.Payload(1, WireConstants.PipeMaxPayload);
        h.SendPipe(data);
        h.Deliver();
        Assert.Empty(h.Observer.Stops);
        var shown = Assert.Single(h.Client.Presentations);
        Assert.Equal((uint)WireConstants.PipeMaxPayload, shown.BufferLength);
        Assert.Equal(data, shown.Buffer);
    }

    [Fact]
    public void R_PP_24_MUST_model_an_in_band_packet_too_short_for_the_pipe_header_stops_intake()
    {
        using var h = new ChannelHarness(new KmclOptions { Profile = FramingProfile.Pipe });
        h.Open();
        h.SendInBand(default);
        h.Deliver();
        Assert.Empty(h.Client.Presentations);
        Assert.Equal("R-PP-24", Assert.Single(h.Observer.Stops).Rule);
    }

    [Fact]
    public void R_MAL_1_MUST_a_ring_corrupt_at_attach_is_reported_when_intake_starts()
    {
        using var h = new ChannelHarness(corruptReadIndex: 5);
        h.Open();
        h.Deliver();
        Assert.Empty(h.Client.Presentations);
        Assert.Equal("R-MAL-1", Assert.Single(h.Observer.Stops).Rule);
    }
}

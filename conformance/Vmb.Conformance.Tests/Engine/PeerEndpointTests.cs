using Vmb.Conformance.Driver;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>The engine's own ring endpoint (D16) against the spec's layout helpers.</summary>
public class PeerEndpointTests
{
    [Fact]
    public void R_RING_8_MUST_a_packet_written_across_the_end_wraps_and_keeps_its_trailer()
    {
        using var incoming = new NativeBuffer(RingLayout.RegionSize(4096));
        using var outgoing = new NativeBuffer(RingLayout.RegionSize(4096));
        var endpoint = new PeerEndpoint(incoming.Region, 4080, outgoing.Region, 0);
        var step = new WritePacketStep { Kind = PacketKind.InBand, Payload = Enumerable.Range(0, 21).Select(i => (byte)i).ToArray(), TransactionId = 5 };
        var bytes = PacketEncoder.Encode(step, FramingProfile.Raw);
        Assert.True(endpoint.TryWriteIncoming(bytes, out var at, out var signal));
        Assert.Equal(4080, at);
        Assert.True(signal);
        Assert.True(endpoint.IncomingWrapped);
        var data = RingLayout.DataArea(incoming.Region).Span;
        var copy = new byte[bytes.Length + 8];
        for (var i = 0; i < copy.Length; i++) copy[i] = data[(4080 + i) % 4096];
        var d = PacketDescriptor.Read(copy);
        Assert.Equal(new PacketDescriptor(0x6, 2, 5, 0, 5), d);
        Assert.Equal(Trailer.ValueFor(4080), Trailer.Read(copy.AsSpan(d.Length)));
        Assert.Equal((uint)((4080 + copy.Length) % 4096), ControlPage.Read(RingLayout.ControlPage(incoming.Region).Span, ControlPage.WriteIndexOffset));
    }

    [Fact]
    public void R_RING_7_MUST_a_write_that_would_fill_the_ring_is_refused_and_asks_for_room()
    {
        using var incoming = new NativeBuffer(RingLayout.RegionSize(4096));
        using var outgoing = new NativeBuffer(RingLayout.RegionSize(4096));
        var endpoint = new PeerEndpoint(incoming.Region, 0, outgoing.Region, 0);
        var big = PacketEncoder.Encode(new WritePacketStep { Kind = PacketKind.InBand, Payload = new byte[4096 - 8 - 24 - 8] }, FramingProfile.Raw);
        Assert.True(endpoint.TryWriteIncoming(big, out _, out _));
        Assert.False(endpoint.TryWriteIncoming(PacketEncoder.Encode(new WritePacketStep(), FramingProfile.Raw), out _, out _));
        Assert.Equal(24u, endpoint.IncomingPendingSendSize);
    }

    [Fact]
    public void Completions_written_by_the_spec_layout_are_read_back_with_their_payload_and_room_signal()
    {
        using var incoming = new NativeBuffer(RingLayout.RegionSize(4096));
        using var outgoing = new NativeBuffer(RingLayout.RegionSize(4096));
        var endpoint = new PeerEndpoint(incoming.Region, 0, outgoing.Region, 4088);
        var data = RingLayout.DataArea(outgoing.Region).Span;
        var packet = new byte[24 + 8];
        PacketDescriptor.For(PacketType.Completion, 0, 3, 0, 77).Write(packet);
        packet[16] = 0xAB; packet[17] = 0xCD; packet[18] = 0xEF;
        Trailer.Write(packet.AsSpan(24), 4088);
        for (var i = 0; i < packet.Length; i++) data[(4088 + i) % 4096] = packet[i];
        var control = RingLayout.ControlPage(outgoing.Region).Span;
        ControlPage.Write(control, ControlPage.PendingSendSizeOffset, 4096 - 8);
        ControlPage.Write(control, ControlPage.WriteIndexOffset, (4088 + 32) % 4096);
        var reads = endpoint.DrainOutgoing(out var signal, out var error);
        Assert.Null(error);
        var read = Assert.Single(reads);
        Assert.Equal(77ul, read.Descriptor.TransactionId);
        Assert.Equal(new byte[] { 0xAB, 0xCD, 0xEF, 0, 0, 0, 0, 0 }, read.Payload);
        Assert.True(read.TrailerOk);
        Assert.True(signal);
        Assert.True(endpoint.OutgoingWrapped);
    }
}

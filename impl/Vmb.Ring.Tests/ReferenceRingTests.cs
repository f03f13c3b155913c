using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

public class ReferenceRingTests
{
    [Fact]
    public void Plug_in_names_itself_and_builds_working_endpoints()
    {
        IRingImplementation implementation = new ReferenceRing();
        Assert.Equal("vmb-reference-ring", implementation.Name);
        Assert.False(string.IsNullOrEmpty(implementation.Version));

        using var ring = new TestRing(4096);
        var signals = 0;
        var writer = implementation.CreateWriter(ring.Region, initialize: true, () => signals++);
        var reader = implementation.CreateReader(ring.Region, () => { });
        Assert.Equal(4096, ((RingWriter)writer).DataSize);
        Assert.Equal(4096, ((RingReader)reader).DataSize);
        Assert.False(((RingReader)reader).CancelSupported);
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 3, default, [1]));
        writer.Commit();
        Assert.Equal(1, signals); // R-SIG-1: empty to non-empty, raised during the commit
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[32], out var packet, out _, out _));
        Assert.Equal(3ul, packet.Descriptor.TransactionId);
    }

    [Fact]
    public void R_RING_12_MUST_attaching_without_initialize_takes_the_indices_from_the_control_page()
    {
        using var ring = new TestRing(8192, startIndex: 0);
        ring.SetIndices(write: 4000, read: 1000);
        var writer = ring.Writer();
        var reader = ring.Reader();
        Assert.Equal((4000, 4000), (writer.PublishedWriteIndex, writer.StagedWriteIndex));
        Assert.Equal((1000, 1000), (reader.PublishedReadIndex, reader.Position));
        Assert.Equal(8192 - 3000, writer.FreeBytes);
    }

    [Fact]
    public void Plug_in_declares_its_capabilities()
    {
        var plain = new ReferenceRing();
        Assert.Equal((false, true), (plain.CancelSupported, plain.RoomSignalRequiresFeatureBit));
        Assert.Equal(RingCapabilities.StagedPublication | RingCapabilities.Revert | RingCapabilities.SetsPendingSendSize | RingCapabilities.CreatesRings, plain.WriterCapabilities);
        Assert.Equal(RingCapabilities.StagedPublication | RingCapabilities.Revert | RingCapabilities.StrictReader | RingCapabilities.InterruptMaskApi, plain.ReaderCapabilities);
        Assert.Null(RingCapabilitySides.Problem(plain.WriterCapabilities, plain.ReaderCapabilities));
        Assert.True(new ReferenceRing(cancelSupported: true).CancelSupported);
    }
}

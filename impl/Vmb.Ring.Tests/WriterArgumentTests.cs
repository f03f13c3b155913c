using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>The writer refuses to produce packets a correct writer must not send, and touches nothing when it does.</summary>
public class WriterArgumentTests
{
    [Theory]
    [InlineData(PacketType.InBand, 0x0002, 0, 0)]       // R-DESC-8
    [InlineData(PacketType.InBand, 0x0000, 8, 0)]       // R-DESC-3: in-band offset8 is exactly 2
    [InlineData(PacketType.Completion, 0x0000, 8, 0)]   // R-DESC-3
    [InlineData(PacketType.GpaDirect, 0x0001, 0, 0)]    // R-DESC-10: needs its type header
    [InlineData(PacketType.TransferPages, 0x0001, 12, 0)] // header not a multiple of 8
    [InlineData((PacketType)0x0008, 0x0000, 0, 0)]      // R-DESC-9
    [InlineData(PacketType.InBand, 0x0000, 0, 4072)]    // R-DESC-13: total 4096 never fits S = 4096
    public void R_DESC_3_R_DESC_8_R_DESC_13_MUST_writer_refuses_packets_a_correct_writer_never_sends(PacketType type, ushort flags, int header, int payload)
    {
        using var ring = new TestRing(4096, startIndex: 16);
        var writer = ring.Writer();
        var before = ring.Snapshot();
        var thrown = Assert.ThrowsAny<ArgumentException>(() => writer.TryWrite(type, flags, 1, new byte[header], new byte[payload]));
        Assert.Matches("R-DESC-|multiple of 8", thrown.Message);
        Assert.Equal(before, ring.Snapshot());
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[4064]));
    }
}

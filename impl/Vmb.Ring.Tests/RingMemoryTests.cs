namespace Vmb.Ring.Tests;

/// <summary>The wrap-aware copy helpers on their own, at every split point around the end of the data area (R-RING-8).</summary>
public class RingMemoryTests
{
    [Theory]
    [InlineData(4096 - 16, 16)]
    [InlineData(4096 - 5, 12)]
    [InlineData(4096 - 1, 1)]
    [InlineData(100, 50)]
    public void R_RING_8_MUST_copies_and_zero_fill_wrap_at_the_end_of_the_data_area(int offset, int count)
    {
        using var ring = new TestRing(4096);
        var memory = RingMemory.Over(ring.Region);
        ring.Data.Fill(0xEE);
        var bytes = Enumerable.Range(1, count).Select(i => (byte)i).ToArray();

        Assert.Equal((offset + count) % 4096, memory.CopyIn(offset, bytes));
        Assert.Equal(bytes, ring.Peek(offset, count));
        var back = new byte[count];
        memory.CopyOut(offset, back);
        Assert.Equal(bytes, back);

        Assert.Equal((offset + count) % 4096, memory.Zero(offset, count));
        Assert.Equal(new byte[count], ring.Peek(offset, count));
        Assert.Equal(0xEE, ring.Data[(offset + count) % 4096]);     // nothing past the range
        Assert.Equal(0xEE, ring.Data[(offset + 4095) % 4096]);      // nothing before it
    }
}

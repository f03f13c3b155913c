using Vmb.Spec.Memory;
using Vmb.Spec.Wire;

namespace Vmb.Spec.Tests.Memory;

/// <summary>Pages added without contents hold the memory's initial contents, made when first read or written.</summary>
public class GuestMemoryTests
{
    private static void Fill(ulong page, Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(page + (ulong)i);
    }

    [Fact]
    public void A_page_added_without_contents_reads_its_initial_contents_and_keeps_what_is_written()
    {
        var filled = new List<ulong>();
        var memory = new GuestMemory((page, bytes) => { filled.Add(page); Fill(page, bytes); });
        memory.AddPage(7);
        memory.AddPage(9);
        Assert.Empty(filled);
        var read = new byte[4];
        memory.Read(7, 4090, read);
        Assert.Equal(new byte[] { unchecked((byte)4097), unchecked((byte)4098), unchecked((byte)4099), unchecked((byte)4100) }, read);
        memory.Write(7, 0, [0xAA]);
        memory.Read(7, 0, read.AsSpan(0, 1));
        Assert.Equal(0xAA, read[0]);
        // Made once, and only for the page touched.
        Assert.Equal([7UL], filled);
    }

    [Fact]
    public void Residency_of_a_page_never_touched_does_not_make_its_contents()
    {
        var filled = 0;
        var memory = new GuestMemory((page, bytes) => { filled++; Fill(page, bytes); });
        memory.AddPage(3);
        memory.Evict(3);
        Assert.True(memory.Exists(3));
        Assert.False(memory.IsResident(3));
        Assert.Throws<InvalidOperationException>(() => memory.Read(3, 0, new byte[1]));
        memory.MakeResident(3);
        Assert.Equal(0, filled);
        var read = new byte[WireConstants.PageSize];
        memory.Read(3, 0, read);
        Assert.Equal(1, filled);
        Assert.Equal((byte)3, read[0]);
    }

    [Fact]
    public void A_memory_made_without_initial_contents_refuses_a_page_without_contents()
    {
        var memory = new GuestMemory();
        Assert.Throws<InvalidOperationException>(() => memory.AddPage(1));
        Assert.False(memory.Exists(1));
    }
}

using System.IO.MemoryMappedFiles;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>The ring works over any raw region: native memory, pinned managed memory, a mapped file view.</summary>
public class MemoryKindsTests
{
    [Fact]
    public unsafe void Ring_works_over_two_views_of_one_memory_mapped_file()
    {
        // Writer and reader each map their own view, as two processes sharing the file would.
        const int dataSize = 16384;
        var size = RingLayout.RegionSize(dataSize);
        using var file = MemoryMappedFile.CreateNew(null, size);
        using var writerView = file.CreateViewAccessor(0, size);
        using var readerView = file.CreateViewAccessor(0, size);
        byte* writerPointer = null;
        byte* readerPointer = null;
        writerView.SafeMemoryMappedViewHandle.AcquirePointer(ref writerPointer);
        readerView.SafeMemoryMappedViewHandle.AcquirePointer(ref readerPointer);
        try
        {
            RoundTripMany(
                new MemoryRegion((nint)(writerPointer + writerView.PointerOffset), size),
                new MemoryRegion((nint)(readerPointer + readerView.PointerOffset), size));
        }
        finally
        {
            readerView.SafeMemoryMappedViewHandle.ReleasePointer();
            writerView.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    [Fact]
    public unsafe void Ring_works_over_pinned_managed_memory()
    {
        var bytes = GC.AllocateArray<byte>(RingLayout.RegionSize(8192), pinned: true);
        fixed (byte* pointer = bytes)
        {
            RoundTripMany(new MemoryRegion((nint)pointer, bytes.Length), new MemoryRegion((nint)pointer, bytes.Length));
        }
    }

    [Fact]
    public void Ring_works_over_native_memory()
    {
        using var buffer = new NativeBuffer(RingLayout.RegionSize(4096));
        RoundTripMany(buffer.Region, buffer.Region);
    }

    [Fact]
    public void R_RING_3_MUST_region_whose_data_area_is_not_a_4096_multiple_is_refused()
    {
        using var buffer = new NativeBuffer(4096 + 6000);
        var error = Assert.Throws<ArgumentException>(() => new RingWriter(buffer.Region, initialize: true));
        Assert.Contains("R-RING-3", error.Message);
        Assert.Throws<ArgumentException>(() => new RingReader(buffer.Region));
    }

    [Fact]
    public void R_RING_1_MUST_region_smaller_than_the_control_page_is_refused()
    {
        using var buffer = new NativeBuffer(2048);
        var error = Assert.Throws<ArgumentException>(() => new RingReader(buffer.Region));
        Assert.Contains("control page", error.Message);
    }

    [Fact]
    public void Misaligned_region_is_refused_because_control_fields_must_be_atomic()
    {
        using var buffer = new NativeBuffer(RingLayout.RegionSize(4096) + 8);
        var misaligned = new MemoryRegion(buffer.Region.Address + 4, RingLayout.RegionSize(4096));
        var error = Assert.Throws<ArgumentException>(() => new RingWriter(misaligned, initialize: true));
        Assert.Contains("aligned", error.Message);
    }

    /// <summary>Sends enough packets through the region to wrap it several times.</summary>
    private static void RoundTripMany(MemoryRegion writerRegion, MemoryRegion readerRegion)
    {
        var writer = new RingWriter(writerRegion, initialize: true);
        var reader = new RingReader(readerRegion);
        var region = readerRegion;
        var payload = new byte[1000];
        var buffer = new byte[2048];
        var dataSize = region.Length - WireConstants.ControlPageSize;
        var packets = 4 * dataSize / 1000;
        for (var i = 0; i < packets; i++)
        {
            payload.AsSpan().Fill((byte)i);
            Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, (ulong)i, default, payload));
            writer.Commit();
            Assert.Equal(RingReadStatus.Packet, reader.TryRead(buffer, out var packet, out _, out _));
            Assert.Equal((ulong)i, packet.Descriptor.TransactionId);
            Assert.True(buffer.AsSpan(16, 1000).IndexOfAnyExcept((byte)i) < 0);
            reader.Commit();
        }
        Assert.Equal(RingReadStatus.Empty, reader.TryRead(buffer, out _, out _, out _));
        var control = region.Span[..WireConstants.ControlPageSize];
        Assert.Equal(ControlPage.Read(control, ControlPage.WriteIndexOffset), ControlPage.Read(control, ControlPage.ReadIndexOffset));
    }
}

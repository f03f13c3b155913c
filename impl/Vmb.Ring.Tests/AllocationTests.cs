using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>
/// The steady-state path allocates nothing per packet. This is a property of the API (out parameters, struct
/// results, errors only on failure), not a timing; speed lives in the benchmarks. The runtime itself may allocate a
/// few bytes on the test thread now and then (tiered compilation), so the bound is under one byte per packet, far
/// below what any per-packet allocation would cost.
/// </summary>
public class AllocationTests
{
    [Fact]
    public void Steady_state_write_commit_read_commit_allocates_less_than_a_byte_per_packet()
    {
        using var ring = new TestRing(65536, startIndex: 65536 - 40);
        IRingWriter writer = ring.Writer();
        IRingReader reader = ring.Reader();
        var payload = new byte[1000];
        var buffer = new byte[2048];
        ReadOnlySpan<byte> header = [0, 0, 0, 0, 0, 0, 0, 0];

        RoundTrips(writer, reader, header, payload, buffer, 200); // warm-up: JIT, tiering, statics
        var before = GC.GetAllocatedBytesForCurrentThread();
        var packets = RoundTrips(writer, reader, header, payload, buffer, 20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20_000 * 3, packets);
        Assert.True(allocated < packets, $"{allocated} B allocated over {packets} packets");
    }

    private static int RoundTrips(IRingWriter writer, IRingReader reader, ReadOnlySpan<byte> header, byte[] payload, byte[] buffer, int rounds)
    {
        var read = 0;
        for (var i = 0; i < rounds; i++)
        {
            writer.TryWrite(PacketType.InBand, 1, (ulong)i, default, payload.AsSpan(0, i % 1000));
            writer.TryWrite(PacketType.TransferPages, 1, (ulong)i, header, payload.AsSpan(0, 64));
            CompletionPacket.TryWrite(writer, (ulong)i, payload.AsSpan(0, 8));
            writer.Commit();
            while (reader.TryRead(buffer, out _, out _, out _) == RingReadStatus.Packet) read++;
            reader.Commit();
        }
        return read;
    }
}

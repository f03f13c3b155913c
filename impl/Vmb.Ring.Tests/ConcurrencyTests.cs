using System.Buffers.Binary;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;
using Xunit.Abstractions;

namespace Vmb.Ring.Tests;

/// <summary>
/// The ring under real threads. Ordering rules (R-RING-9/10, R-SIG-2/9, R-MAL-10) cannot be proven by a test
/// (D15); these runs look for their failures: lost wakeups, torn packets, a copy that differs from what was validated.
/// </summary>
public class ConcurrencyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LostWakeup = TimeSpan.FromSeconds(20);

    [Fact]
    public void R_SIG_1_R_SIG_5_MUST_writer_and_reader_threads_driven_only_by_signals_transfer_every_packet()
    {
        const int packets = 20_000;
        using var ring = new TestRing(16384, startIndex: 16384 - 512);
        var writer = ring.Writer();
        var reader = ring.Reader();
        using var readerBell = new SemaphoreSlim(0);
        using var writerBell = new SemaphoreSlim(0);
        var fullWaits = 0;
        var readerWaits = 0;

        Action producer = () =>
        {
            var payload = new byte[3000];
            for (var i = 0; i < packets; i++)
            {
                var size = i * 37 % payload.Length;
                Fill(payload.AsSpan(0, size), i);
                while (writer.TryWrite(PacketType.InBand, 1, (ulong)i, default, payload.AsSpan(0, size)) == RingWriteStatus.Full)
                {
                    // Only a Full with nothing staged is followed by a room signal: publish, then ask again.
                    if (writer.StagedWriteIndex != writer.PublishedWriteIndex)
                    {
                        if (writer.Commit()) readerBell.Release();
                        continue;
                    }
                    Interlocked.Increment(ref fullWaits);
                    if (!writerBell.Wait(LostWakeup)) throw new TimeoutException($"writer never woken while blocked on packet {i} (R-SIG-4/5)");
                }
                if (i % 4 == 3 || i == packets - 1)
                    if (writer.Commit()) readerBell.Release();
                if (i == packets / 2)
                {
                    // Stall until the reader has drained the ring and gone to sleep, so its wakeup path runs at least once.
                    if (writer.Commit()) readerBell.Release();
                    WaitUntil(() => Volatile.Read(ref readerWaits) > 0, "the reader never went to sleep");
                }
            }
        };

        Action consumer = () =>
        {
            var buffer = new byte[4096];
            var expected = new byte[3000];
            var received = 0;
            var batch = 0;
            reader.MaskInterrupts();
            while (received < packets)
            {
                var status = reader.TryRead(buffer, out var packet, out var error, out _);
                if (status == RingReadStatus.Packet)
                {
                    var size = received * 37 % expected.Length;
                    Fill(expected.AsSpan(0, size), received);
                    if (packet.Descriptor.TransactionId != (ulong)received || !buffer.AsSpan(16, size).SequenceEqual(expected.AsSpan(0, size)))
                        throw new InvalidOperationException($"packet {received} arrived torn or out of order: {packet.Descriptor}");
                    received++;
                    if (received == 1000) // stall until the writer has blocked on a full ring, so R-SIG-4/5 run at least once
                        WaitUntil(() => Volatile.Read(ref fullWaits) > 0, "the writer never blocked");
                    if (++batch == 8)
                    {
                        if (reader.Commit()) writerBell.Release();
                        batch = 0;
                    }
                    continue;
                }
                if (status != RingReadStatus.Empty) throw new InvalidOperationException($"reader saw {status}: {error}");
                if (reader.Commit()) writerBell.Release();
                batch = 0;
                if (reader.UnmaskInterrupts()) continue; // R-SIG-3: data arrived while we were deciding to sleep
                Interlocked.Increment(ref readerWaits);
                if (!readerBell.Wait(LostWakeup)) throw new TimeoutException($"reader never woken after packet {received} (R-SIG-1/2)");
                reader.MaskInterrupts();
            }
            if (reader.Commit()) writerBell.Release();
        };

        Threads.Run(producer, consumer);
        output.WriteLine($"writer waits {fullWaits}, reader waits {readerWaits}");
        Assert.Equal(ring.WriteIndex, ring.ReadIndex);
        Assert.True(fullWaits > 0 && readerWaits > 0);
    }

    [Fact]
    public unsafe void R_MAL_10_MUST_what_the_reader_returns_is_the_copy_it_validated_while_the_peer_scribbles()
    {
        using var ring = new TestRing(8192, startIndex: 8192 - 40);
        var writer = ring.Writer();
        var gpaHeader = new byte[RangeHeaders.GpaDirectHeaderBytes([new GpaRange(5000, 100, [1, 2])])];
        RangeHeaders.WriteGpaDirect(gpaHeader, [new GpaRange(5000, 100, [1, 2])]);
        var transferHeader = new byte[RangeHeaders.TransferPageHeaderBytes(2)];
        RangeHeaders.WriteTransferPages(transferHeader, 7, [new TransferPageRange(10, 0), new TransferPageRange(20, 4096)]);
        for (var i = 0; i < 6; i++)
        {
            writer.TryWrite(PacketType.GpaDirect, 1, 1, gpaHeader, new byte[200]);
            writer.TryWrite(PacketType.TransferPages, 1, 2, transferHeader, new byte[100]);
            writer.TryWrite(PacketType.InBand, 0, 3, default, new byte[300]);
        }
        writer.Commit();
        var reader = ring.Reader();

        var data = (byte*)(ring.Region.Address + WireConstants.ControlPageSize);
        var dataSize = ring.DataSize;
        using var stop = new CancellationTokenSource();
        var address = (nint)data;
        var targets = new List<int>();
        for (var at = ring.Reader().Position; targets.Count < 18 * 64; at = (at + 1) % dataSize)
            targets.Add(at); // the first packets' descriptors and headers are where a torn read matters
        var mutator = Threads.Start(() =>
        {
            var random = new Random(1234);
            var bytes = (byte*)address;
            while (!stop.IsCancellationRequested)
            {
                // A transient change, as a peer rewriting a packet it already published would make.
                var at = targets[random.Next(targets.Count)];
                var original = Volatile.Read(ref bytes[at]);
                Volatile.Write(ref bytes[at], (byte)random.Next(256));
                Thread.SpinWait(random.Next(50));
                Volatile.Write(ref bytes[at], original);
            }
        });

        var buffer = new byte[dataSize];
        var accepted = 0;
        var rejected = 0;
        try
        {
            for (var round = 0; round < 20_000; round++)
            {
                for (var k = 0; k < 3; k++)
                {
                    var status = reader.TryRead(buffer, out var packet, out var error, out _);
                    if (status != RingReadStatus.Packet)
                    {
                        Assert.True(status is RingReadStatus.Malformed or RingReadStatus.BufferTooSmall, $"unexpected {status}");
                        rejected++;
                        break;
                    }
                    accepted++;
                    var copy = buffer.AsSpan(0, packet.Length);
                    var descriptor = PacketDescriptor.Read(copy);
                    Assert.Equal(packet.Descriptor, descriptor);
                    Assert.Null(RingValidator.CheckDescriptor(descriptor, packet.RingOffset, descriptor.TotalLength, dataSize, false));
                    Assert.Null(RingValidator.CheckTypeHeader(descriptor, copy, packet.RingOffset, dataSize));
                }
                reader.Revert();
            }
        }
        finally
        {
            stop.Cancel();
            mutator.Join();
        }
        output.WriteLine($"packets accepted {accepted}, reads rejected {rejected}");
        Assert.True(accepted > 0, "no packet was read while the peer scribbled");
    }

    private static void WaitUntil(Func<bool> condition, string failure)
    {
        if (!SpinWait.SpinUntil(condition, LostWakeup)) throw new TimeoutException(failure);
    }

    private static void Fill(Span<byte> bytes, int seed)
    {
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(seed * 7 + i);
        if (bytes.Length >= 4) BinaryPrimitives.WriteInt32LittleEndian(bytes, seed);
    }
}

/// <summary>Dedicated threads with their failures carried back to the test thread.</summary>
internal static class Threads
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static void Run(params Action[] bodies)
    {
        var running = bodies.Select(Start).ToArray();
        foreach (var thread in running) thread.Join();
    }

    public static Joinable Start(Action body)
    {
        var joinable = new Joinable();
        joinable.Thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { joinable.Failure = e; }
        }) { IsBackground = true };
        joinable.Thread.Start();
        return joinable;
    }

    internal sealed class Joinable
    {
        public Thread Thread { get; set; } = null!;
        public Exception? Failure { get; set; }

        public void Join()
        {
            if (!Thread.Join(Limit)) throw new TimeoutException($"thread still running after {Limit.TotalSeconds} s");
            if (Failure is not null) throw new AggregateException(Failure);
        }
    }
}

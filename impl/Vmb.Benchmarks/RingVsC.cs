using System.Diagnostics;
using System.Globalization;
using Vmb.Ring;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project impl/Vmb.Benchmarks -- ring-vs-c`: the .NET half of build/ring-vs-c.sh. It does
/// exactly the work of the frozen C baseline (impl/c/baseline/bench.c), so change both or neither: one in-band
/// packet (flag bit 0, transaction id i) written, committed, read, committed ("ping"), or 16 written, one commit,
/// 16 read, one commit ("batch"), through a 256 KiB data area, for payloads 0, 64, 1024 and 8192 bytes.
/// Stopwatch loops rather than BenchmarkDotNet so that both sides are timed the same way in one go.
/// Prints "net MODE PAYLOAD NS_PER_PACKET BYTES_ALLOCATED_PER_PACKET" per case; nothing is asserted.
/// </summary>
internal static class RingVsC
{
    private const int DataSize = 262144;
    private const int BatchSize = 16;
    // Short repetitions, many of them: on a shared machine a preempted repetition is an outlier the median drops.
    private const int Packets = 4096;
    private const int Reps = 63;

    // Tier-1 code (after tiered compilation and PGO) is what is measured, as a long-running ring would run: every
    // case first runs this many untimed repetitions, counted rather than timed so a loaded machine cannot cut it short.
    private const int WarmUpReps = 200;

    private static readonly int[] Payloads = [0, 64, 1024, 8192];

    public static void Run()
    {
        // Every case once before any is timed, so the first one timed does not run on code the others have not tiered up.
        ForEachCase((_, _, work) => Repeat(work, WarmUpReps));
        ForEachCase((mode, size, work) =>
        {
            Repeat(work, WarmUpReps / 10);
            var (ns, allocated) = Time(work);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"net {mode} {size} {ns:F2} {allocated:F2}"));
        });
    }

    private static void ForEachCase(Action<string, int, Func<long>> action)
    {
        foreach (var size in Payloads)
        {
            using (var bench = new Case(size)) action("ping", size, () => bench.Ping(Packets));
            using (var bench = new Case(size)) action("batch", size, () => bench.Batch(Packets));
        }
    }

    private static void Repeat(Func<long> work, int times)
    {
        for (var i = 0; i < times; i++) work();
    }

    // Median ns per packet over the timed repetitions, and the bytes they allocated per packet.
    private static (double Ns, double AllocatedPerPacket) Time(Func<long> work)
    {
        var samples = new double[Reps];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var rep = 0; rep < Reps; rep++)
        {
            var start = Stopwatch.GetTimestamp();
            work();
            samples[rep] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Packets;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.Sort(samples);
        return (samples[Reps / 2], (double)allocated / ((long)Reps * Packets));
    }

    private sealed class Case : IDisposable
    {
        private readonly NativeBuffer _memory = new(RingLayout.RegionSize(DataSize));
        private readonly RingWriter _writer;
        private readonly RingReader _reader;
        private readonly byte[] _payload;
        private readonly byte[] _destination;

        public Case(int payloadBytes)
        {
            _writer = new RingWriter(_memory.Region, initialize: true);
            _reader = new RingReader(_memory.Region);
            _payload = new byte[payloadBytes];
            for (var i = 0; i < payloadBytes; i++) _payload[i] = (byte)(i * 7 + 1);
            _destination = new byte[WireConstants.DescriptorSize + payloadBytes + WireConstants.Alignment];
        }

        public long Ping(int packets)
        {
            long checksum = 0;
            for (var i = 0; i < packets; i++)
            {
                WriteOne((ulong)i);
                _writer.Commit();
                checksum += ReadOne();
                _reader.Commit();
            }
            return checksum;
        }

        public long Batch(int packets)
        {
            long checksum = 0;
            for (var n = 0; n < packets / BatchSize; n++)
            {
                for (var i = 0; i < BatchSize; i++) WriteOne((ulong)i);
                _writer.Commit();
                for (var i = 0; i < BatchSize; i++) checksum += ReadOne();
                _reader.Commit();
            }
            return checksum;
        }

        public void Dispose() => _memory.Dispose();

        private void WriteOne(ulong id)
        {
            if (_writer.TryWrite(PacketType.InBand, WireConstants.FlagCompletionRequested, id, default, _payload) != RingWriteStatus.Written)
                throw new InvalidOperationException("write failed");
        }

        private int ReadOne() =>
            _reader.TryRead(_destination, out var packet, out _, out _) == RingReadStatus.Packet
                ? packet.Length
                : throw new InvalidOperationException("read failed");
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Vmb.Ring;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Benchmarks;

/// <summary>
/// One packet through the reference ring per operation: TryWrite, Commit, TryRead, Commit, in a 256 KiB data
/// area, so every publish and its barrier are included. Packets of 8 KiB wrap the ring every 32 operations.
/// A second benchmark batches 16 packets per commit.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
[Config(typeof(Columns))]
public class RingBenchmarks
{
    private const int DataSize = 262144;
    private const int PacketsPerInvoke = 4096;
    private const int BatchSize = 16; // 16 packets of 8 KiB fill half the ring

    private NativeBuffer _memory = null!;
    private IRingWriter _writer = null!;
    private IRingReader _reader = null!;
    private byte[] _payload = null!;
    private byte[] _destination = null!;

    [Params(0, 64, 1024, 8192)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _memory = new NativeBuffer(RingLayout.RegionSize(DataSize));
        var ring = new ReferenceRing();
        _writer = ring.CreateWriter(_memory.Region, initialize: true, static () => { });
        _reader = ring.CreateReader(_memory.Region, static () => { });
        _payload = new byte[PayloadBytes];
        _destination = new byte[WireConstants.DescriptorSize + PayloadBytes + WireConstants.Alignment];
    }

    [GlobalCleanup]
    public void Cleanup() => _memory.Dispose();

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public long WriteReadRoundTrip()
    {
        long checksum = 0;
        for (var i = 0; i < PacketsPerInvoke; i++)
        {
            _writer.TryWrite(PacketType.InBand, WireConstants.FlagCompletionRequested, (ulong)i, default, _payload);
            _writer.Commit();
            _reader.TryRead(_destination, out var packet, out _, out _);
            _reader.Commit();
            checksum += packet.Length;
        }
        return checksum;
    }

    /// <summary>The same packets, published 16 at a time: one index store and barrier per side per 16 packets (R-RING-11).</summary>
    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public long WriteReadBatchesOf16()
    {
        long checksum = 0;
        for (var batch = 0; batch < PacketsPerInvoke / BatchSize; batch++)
        {
            for (var i = 0; i < BatchSize; i++)
                _writer.TryWrite(PacketType.InBand, WireConstants.FlagCompletionRequested, (ulong)i, default, _payload);
            _writer.Commit();
            for (var i = 0; i < BatchSize; i++)
            {
                _reader.TryRead(_destination, out var packet, out _, out _);
                checksum += packet.Length;
            }
            _reader.Commit();
        }
        return checksum;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(ThroughputColumn.OperationsPerSecond, ThroughputColumn.PayloadBytesPerSecond);
    }
}

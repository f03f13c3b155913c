using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Environment;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Benchmarks;

/// <summary>
/// Packets end to end through the reference channel in the deterministic environment: the peer writes a batch
/// to the incoming ring and rings the doorbell, the channel drains it (one run, one ProcessingComplete), the
/// client completes every packet inline (or, in <see cref="LaterCompletion"/>, holds the run's 64 handles and
/// completes them after it); with CompletionRequested the peer also reads every reply off the outgoing ring.
/// One operation is one packet. MemoryDiagnoser's Allocated column is the channel's cost per packet (D32: the
/// handle is a value, so it should read 0 B).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
[Config(typeof(Columns))]
public class ChannelBenchmarks
{
    private const int RingSize = 262144;
    private const int PacketsPerInvoke = 4096;
    private const int Batch = 64; // 64 packets of 1 KiB fill a quarter of the ring

    private NativeBuffer _incoming = null!;
    private NativeBuffer _outgoing = null!;
    private DeterministicEnvironment _environment = null!;
    private IVmbChannel _channel = null!;
    private RingWriter _peerWriter = null!;
    private RingReader _peerReader = null!;
    private byte[] _payload = null!;
    private byte[] _replyBuffer = null!;
    private readonly VmbPacket[] _held = new VmbPacket[Batch];
    private int _heldCount;
    private bool _hold;
    private long _presented;

    [Params(64, 1024)]
    public int PayloadBytes { get; set; }

    [Params(false, true)]
    public bool CompletionRequested { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _incoming = new NativeBuffer(RingLayout.RegionSize(RingSize));
        _outgoing = new NativeBuffer(RingLayout.RegionSize(RingSize));
        _peerWriter = new RingWriter(_incoming.Region, initialize: true);
        _environment = new DeterministicEnvironment(1);
        _channel = new ReferenceChannelImplementation().Allocate(new ChannelSetup
        {
            IncomingRing = _incoming.Region,
            OutgoingRing = _outgoing.Region,
            GuestMemory = new GuestMemory(),
            Environment = _environment,
            SignalPeer = () => { },
        });
        _peerReader = new RingReader(_outgoing.Region);
        _channel.InitSetProcessPacketCallbacks(OnPacket, null);
        _channel.Enable();
        _environment.RunUntilIdle();
        _payload = new byte[PayloadBytes];
        _replyBuffer = new byte[256];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _incoming.Dispose();
        _outgoing.Dispose();
    }

    private void OnPacket(IVmbChannel channel, VmbPacket packet, ReadOnlySpan<byte> buffer, uint length, uint flags)
    {
        _presented += length;
        if (_hold) _held[_heldCount++] = packet;
        else packet.Complete(default);
    }

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public long InlineCompletion()
    {
        _hold = false;
        return Run();
    }

    /// <summary>Every packet of a run is held until the run ends, then completed: 64 slots live at once, then reused.</summary>
    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public long LaterCompletion()
    {
        _hold = true;
        return Run();
    }

    private long Run()
    {
        var flags = CompletionRequested ? WireConstants.FlagCompletionRequested : (ushort)0;
        long replies = 0;
        for (var batch = 0; batch < PacketsPerInvoke / Batch; batch++)
        {
            for (var i = 0; i < Batch; i++) _peerWriter.TryWrite(PacketType.InBand, flags, (ulong)i + 1, default, _payload);
            _peerWriter.Commit();
            _channel.Signal();
            _environment.RunUntilIdle();
            for (var i = 0; i < _heldCount; i++) _held[i].Complete(default);
            _heldCount = 0;
            if (!CompletionRequested) continue;
            while (_peerReader.TryRead(_replyBuffer, out _, out _, out _) == RingReadStatus.Packet) replies++;
            _peerReader.Commit();
        }
        return _presented + replies;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(ThroughputColumn.OperationsPerSecond, ThroughputColumn.PayloadBytesPerSecond);
    }
}

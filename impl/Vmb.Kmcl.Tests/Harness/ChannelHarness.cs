using System.Buffers.Binary;
using Vmb.Ring;
using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests.Harness;

/// <summary>A completion packet as the peer read it off the outgoing ring.</summary>
internal sealed record ReadCompletion(ulong TransactionId, ushort Flags, byte[] Payload);

/// <summary>
/// One reference channel wired to a peer: the incoming ring (the peer writes it with the reference
/// RingWriter), the outgoing ring (the peer reads completions with the reference RingReader), guest
/// memory, an environment and a recording client and observer.
/// </summary>
internal sealed class ChannelHarness : IDisposable
{
    public const int DefaultRingSize = 16384;

    private readonly NativeBuffer _incoming;
    private readonly NativeBuffer _outgoing;
    private readonly byte[] _readBuffer = new byte[WireConstants.MaxPacketBytes];
    private ulong _nextId = 1;
    private int _peerSignals;
    private int _roomSignals;

    public ChannelHarness(KmclOptions? options = null, int incomingSize = DefaultRingSize, int outgoingSize = DefaultRingSize,
        int startOffset = 0, IExecutionEnvironment? environment = null, int seed = 7, uint? corruptReadIndex = null)
    {
        Environment = environment ?? new DeterministicEnvironment(seed);
        _incoming = new NativeBuffer(RingLayout.RegionSize(incomingSize));
        _outgoing = new NativeBuffer(RingLayout.RegionSize(outgoingSize));
        var control = _incoming.Span[..WireConstants.ControlPageSize];
        ControlPage.Write(control, ControlPage.FeatureBitsOffset, ControlPage.FeaturePendingSendSize);
        ControlPage.Write(control, ControlPage.WriteIndexOffset, (uint)startOffset);
        ControlPage.Write(control, ControlPage.ReadIndexOffset, (uint)startOffset);
        Peer = new RingWriter(_incoming.Region, initialize: false);
        if (corruptReadIndex is { } bad) ControlPage.Write(control, ControlPage.ReadIndexOffset, bad); // before the channel attaches
        Implementation = new ReferenceChannelImplementation(options);
        Channel = (KmclChannel)Implementation.Allocate(new ChannelSetup
        {
            IncomingRing = _incoming.Region,
            OutgoingRing = _outgoing.Region,
            GuestMemory = Memory,
            Environment = Environment,
            SignalPeer = () => Interlocked.Increment(ref _peerSignals),
            Observer = Observer,
        });
        PeerReader = new RingReader(_outgoing.Region);
        Client = new RecordingClient(Environment);
    }

    public IExecutionEnvironment Environment { get; }

    public DeterministicEnvironment Det => (DeterministicEnvironment)Environment;

    public ReferenceChannelImplementation Implementation { get; }

    public KmclChannel Channel { get; }

    public RingWriter Peer { get; }

    public RingReader PeerReader { get; }

    public GuestMemory Memory { get; } = new();

    public RecordingObserver Observer { get; } = new();

    public RecordingClient Client { get; }

    /// <summary>Times the channel rang the peer's doorbell.</summary>
    public int PeerSignals => Volatile.Read(ref _peerSignals);

    /// <summary>Times the peer's reader said the channel must be told about room (R-SIG-5).</summary>
    public int RoomSignals => _roomSignals;

    public Span<byte> IncomingControl => _incoming.Span[..WireConstants.ControlPageSize];

    public Span<byte> IncomingData => _incoming.Span[WireConstants.ControlPageSize..];

    /// <summary>Registers the client, enables the channel and runs the bring-up.</summary>
    public void Open(bool ex = false, object? context = null, bool processingComplete = true)
    {
        Client.Register(Channel, ex, context, processingComplete);
        Assert.Equal(NtStatus.Success, Channel.Enable());
        Run();
    }

    /// <summary>Runs the deterministic environment until idle (bounded, so a livelock fails instead of hanging).</summary>
    public void Run() => Assert.True(Det.RunUntilIdle(200_000), "the environment did not become idle");

    /// <summary>Rings the channel's doorbell and runs everything that follows.</summary>
    public void Deliver()
    {
        Channel.Signal();
        Run();
    }

    public ulong NextId() => _nextId++;

    /// <summary>A payload of <paramref name="length"/> bytes starting with the tag (when it fits), then a pattern.</summary>
    public static byte[] Payload(ulong tag, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)(i * 7 + (int)tag);
        if (length >= 8) BinaryPrimitives.WriteUInt64LittleEndian(bytes, tag);
        return bytes;
    }

    public ulong Send(PacketType type, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload, bool completion = false, ulong? id = null)
    {
        var tx = id ?? NextId();
        var status = Peer.TryWrite(type, completion ? WireConstants.FlagCompletionRequested : (ushort)0, tx, typeHeader, payload);
        Assert.Equal(RingWriteStatus.Written, status);
        Peer.Commit();
        return tx;
    }

    public ulong SendInBand(ReadOnlySpan<byte> payload, bool completion = false, ulong? id = null) =>
        Send(PacketType.InBand, default, payload, completion, id);

    /// <summary>An in-band packet framed for the pipe profile: pipe header {type, size}, then the data.</summary>
    public ulong SendPipe(ReadOnlySpan<byte> data, bool completion = false, uint? declaredSize = null)
    {
        var payload = new byte[WireConstants.PipeHeaderSize + data.Length];
        new PipeHeader(PipeHeader.DataMessage, declaredSize ?? (uint)data.Length).Write(payload);
        data.CopyTo(payload.AsSpan(WireConstants.PipeHeaderSize));
        return SendInBand(payload, completion);
    }

    public ulong SendGpaDirect(IReadOnlyList<GpaRange> ranges, ReadOnlySpan<byte> payload, bool completion = true, ulong? id = null)
    {
        var header = new byte[RangeHeaders.GpaDirectHeaderBytes(ranges)];
        RangeHeaders.WriteGpaDirect(header, ranges);
        return Send(PacketType.GpaDirect, header, payload, completion, id);
    }

    public ulong SendTransferPages(ushort setId, TransferPageRange[] ranges, ReadOnlySpan<byte> payload, bool completion = true, ulong? id = null)
    {
        var header = new byte[RangeHeaders.TransferPageHeaderBytes(ranges.Length)];
        RangeHeaders.WriteTransferPages(header, setId, ranges);
        return Send(PacketType.TransferPages, header, payload, completion, id);
    }

    /// <summary>Adds <paramref name="count"/> resident guest pages from <paramref name="first"/>, each filled with a pattern of its number.</summary>
    public void AddPages(ulong first, int count)
    {
        for (var i = 0; i < count; i++) Memory.AddPage(first + (ulong)i, PageContents(first + (ulong)i));
    }

    public static byte[] PageContents(ulong page)
    {
        var bytes = new byte[WireConstants.PageSize];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(page * 31 + (ulong)(i / 3));
        return bytes;
    }

    /// <summary>Reads every completion the channel wrote, publishes the read index, and passes a room signal on.</summary>
    public List<ReadCompletion> TakeCompletions()
    {
        var result = new List<ReadCompletion>();
        while (PeerReader.TryRead(_readBuffer, out var packet, out var error, out _) == RingReadStatus.Packet)
        {
            var d = packet.Descriptor;
            Assert.Equal((ushort)PacketType.Completion, d.Type);
            result.Add(new ReadCompletion(d.TransactionId, d.Flags, _readBuffer.AsSpan(d.DataOffset, d.PayloadLength).ToArray()));
            Assert.Null(error);
        }
        if (PeerReader.Commit())
        {
            _roomSignals++;
            Channel.Signal();
        }
        return result;
    }

    public void Dispose()
    {
        (Environment as IDisposable)?.Dispose();
        _incoming.Dispose();
        _outgoing.Dispose();
    }
}

using Vmb.Conformance.Driver;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.StateMachine;

/// <summary>
/// The actual side of the state-machine test: one channel driven an operation at a time through the
/// engine's own endpoint; the client holds every presented packet until an operation answers it.
/// </summary>
public sealed class ChannelHarness : IDisposable
{
    private readonly NativeBuffer _incoming = new(RingLayout.RegionSize(16384));
    private readonly NativeBuffer _outgoing = new(RingLayout.RegionSize(16384));
    private readonly DeterministicEnvironment _env;
    private readonly PeerEndpoint _endpoint;
    private readonly IVmbChannel _channel;
    private readonly HashSet<ulong> _deferFirst = new();
    private Task? _pause;

    public ChannelHarness(IChannelImplementation implementation, int seed)
    {
        _env = new DeterministicEnvironment(seed);
        _endpoint = new PeerEndpoint(_incoming.Region, 16384 - 64, _outgoing.Region, 0);
        _channel = implementation.Allocate(new ChannelSetup
        {
            IncomingRing = _incoming.Region, OutgoingRing = _outgoing.Region, GuestMemory = new GuestMemory(), Environment = _env, SignalPeer = () => { },
        });
        _channel.InitSetProcessPacketCallbacks(OnPacket, null);
        _channel.Enable();
        Settle();
    }

    /// <summary>Packets presented and not answered, by transaction id, in presentation order.</summary>
    public List<(ulong Id, VmbPacket Handle)> Held { get; } = new();

    /// <summary>Transaction ids of completions read from the outgoing ring.</summary>
    public List<ulong> Completions { get; } = new();

    /// <summary>Presentations of packets after they were answered or failed (always a bug).</summary>
    public int LatePresentations { get; private set; }

    /// <summary>True while the client's Pause has returned.</summary>
    public bool PauseReturned => _pause is { IsCompletedSuccessfully: true };

    private readonly HashSet<ulong> _answered = new();

    private void OnPacket(IVmbChannel channel, VmbPacket packet, ReadOnlySpan<byte> buffer, uint length, uint flags)
    {
        var id = BitConverter.ToUInt64(buffer[..8]);
        if (_answered.Contains(id)) { LatePresentations++; return; }
        if (_deferFirst.Remove(id)) { packet.DeferToPassive(); return; }
        Held.Add((id, packet));
    }

    public void Write(ulong id, bool deferFirst)
    {
        if (deferFirst) _deferFirst.Add(id);
        var step = new WritePacketStep { Kind = PacketKind.InBand, Payload = BitConverter.GetBytes(id), TransactionId = id, CompletionRequested = true };
        if (!_endpoint.TryWriteIncoming(PacketEncoder.Encode(step, FramingProfile.Raw), out _, out var signal)) throw new InvalidOperationException("ring full");
        if (signal) _channel.Signal();
        Settle();
    }

    public void Signal() { _channel.Signal(); Settle(); }

    public void CompleteOldest() => Answer(h => h.Complete([]));

    public void FailOldest() => Answer(h => h.Fail());

    public void Pause() { _pause = _channel.Pause(); Settle(); }

    public void Start() { _channel.Start(); Settle(); }

    private void Answer(Action<VmbPacket> answer)
    {
        var (id, handle) = Held[0];
        Held.RemoveAt(0);
        _answered.Add(id);
        answer(handle);
        Settle();
    }

    private void Settle()
    {
        _env.RunUntilIdle(100_000);
        var reads = _endpoint.DrainOutgoing(out var room, out _);
        foreach (var read in reads) Completions.Add(read.Descriptor.TransactionId);
        if (room) { _channel.Signal(); _env.RunUntilIdle(100_000); }
    }

    public void Dispose()
    {
        _incoming.Dispose();
        _outgoing.Dispose();
    }
}

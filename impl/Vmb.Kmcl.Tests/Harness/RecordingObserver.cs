using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests.Harness;

/// <summary>Records what the channel reports; thread-safe for the threaded runs.</summary>
internal sealed class RecordingObserver : IChannelObserver
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, string Detail)> _misuse = new();
    private readonly List<(IntakeStopReason Reason, string? Rule, string Detail)> _stops = new();
    private readonly List<(PacketType Type, ulong Id)> _nonData = new();

    public IReadOnlyList<(string Id, string Detail)> Misuse { get { lock (_gate) return _misuse.ToArray(); } }

    public IReadOnlyList<(IntakeStopReason Reason, string? Rule, string Detail)> Stops { get { lock (_gate) return _stops.ToArray(); } }

    public IReadOnlyList<(PacketType Type, ulong Id)> NonData { get { lock (_gate) return _nonData.ToArray(); } }

    public IEnumerable<string> MisuseIds => Misuse.Select(m => m.Id);

    public void MisuseDetected(string requirementId, string detail) { lock (_gate) _misuse.Add((requirementId, detail)); }

    public void IntakeStopped(IntakeStopReason reason, string? requirementId, string detail) { lock (_gate) _stops.Add((reason, requirementId, detail)); }

    public void NonDataPacketConsumed(PacketType type, ulong transactionId) { lock (_gate) _nonData.Add((type, transactionId)); }
}

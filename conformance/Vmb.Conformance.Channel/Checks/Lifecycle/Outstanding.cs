using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>
/// Packets the client holds at a point of the trace: presented and not yet answered. A packet handed back by
/// Defer or a PENDING result is the channel's again until it is re-presented, so it is not counted.
/// </summary>
internal static class Outstanding
{
    public static List<int> At(CheckContext c, int index)
    {
        var open = new HashSet<int>();
        var answered = new HashSet<int>();
        foreach (var e in c.Events.Take(index).OfType<PresentationEvent>())
        {
            if (e.Packet < 0) continue;
            if (e is PresentationBegun && !answered.Contains(e.Packet)) open.Add(e.Packet);
            if (e is PacketCompleted or PacketFailed) answered.Add(e.Packet);
            if (e is PacketCompleted or PacketFailed or PacketDeferred) open.Remove(e.Packet);
            if (e is ExternalDataRequested { Status: NtStatus.Pending }) open.Remove(e.Packet);
        }
        return open.Order().ToList();
    }
}

using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Quota;

/// <summary>The quota in force and the outstanding count at each first presentation (D7).</summary>
internal static class QuotaModel
{
    /// <summary>Yields (presentation event, quota in force, outstanding before it, quota lowered below outstanding since).</summary>
    public static IEnumerable<(PresentationBegun Presentation, uint Quota, int Outstanding, bool LoweredBelow)> FirstPresentations(CheckContext c)
    {
        uint quota = c.Scenario.Options.Quota;
        var open = new HashSet<int>();
        var presented = new HashSet<int>();
        var answered = new HashSet<int>();
        var countsRepresentations = c.Info.Has(ChannelCapabilities.QuotaCountsRepresentations);
        var lowered = false;
        foreach (var e in c.Events)
        {
            if (e is ControlCalled { Call: Subject.SetTransactionQuota } set)
            {
                quota = (uint)set.Argument;
                lowered = open.Count >= quota;
            }
            if (e is not PresentationEvent { Packet: >= 0 } p) continue;
            if (p is PacketCompleted or PacketFailed) { open.Remove(p.Packet); answered.Add(p.Packet); if (open.Count < quota) lowered = false; }
            if (p is not PresentationBegun begun || answered.Contains(p.Packet)) continue;
            var first = presented.Add(p.Packet);
            if (quota > 0 && (first || countsRepresentations))
                yield return (begun, quota, open.Count - (open.Contains(p.Packet) ? 1 : 0), lowered);
            open.Add(p.Packet);
        }
    }
}

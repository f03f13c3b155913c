using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Quota;

/// <summary>The quota in force and the outstanding count at each first presentation (D7).</summary>
internal static class QuotaModel
{
    /// <summary>Yields (presentation event, quota in force, outstanding before it, quota lowered below outstanding since).</summary>
    public static IEnumerable<(TraceEvent Presentation, uint Quota, int Outstanding, bool LoweredBelow)> FirstPresentations(CheckContext c)
    {
        uint quota = c.Scenario.Options.Quota;
        var open = new HashSet<int>();
        var presented = new HashSet<int>();
        var answered = new HashSet<int>();
        var countsRepresentations = c.Info.Has(ChannelCapabilities.QuotaCountsRepresentations);
        var lowered = false;
        foreach (var e in c.Events)
        {
            if (e.Kind == TraceKind.ControlCalled && e.Subject == Subject.SetTransactionQuota)
            {
                quota = (uint)e.Value;
                lowered = open.Count >= quota;
            }
            if (e.Packet < 0) continue;
            if (e.Kind is TraceKind.Completed or TraceKind.Failed) { open.Remove(e.Packet); answered.Add(e.Packet); if (open.Count < quota) lowered = false; }
            if (e.Kind != TraceKind.PresentationBegun || answered.Contains(e.Packet)) continue;
            var first = presented.Add(e.Packet);
            if (quota > 0 && (first || countsRepresentations))
                yield return (e, quota, open.Count - (open.Contains(e.Packet) ? 1 : 0), lowered);
            open.Add(e.Packet);
        }
    }
}

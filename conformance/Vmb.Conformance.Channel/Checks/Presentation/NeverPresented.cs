using Vmb.Conformance.Engine;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>
/// The one absence R-PP-1 and the rules that name its causes (R-PP-21, R-SIG-10, R-CMPL-11; errata E-27) all
/// judge: a data packet written and never presented, or one that never found room because the channel stopped
/// consuming. Shared so that whenever a cause's rule fails, R-PP-1 fails at the same position and the catalog's
/// presumes edges can attribute it.
/// </summary>
internal static class NeverPresented
{
    /// <summary>The first such packet as a failure whose message starts with <paramref name="context"/>, or null when every packet was presented.</summary>
    public static CheckOutcome? First(CheckContext c, string context)
    {
        var presented = c.Presentations.Select(p => p.Packet).ToHashSet();
        foreach (var w in c.Of<PacketWritten>().Where(w => c.Packets[w.Packet].IsPresentable))
            if (!presented.Contains(w.Packet)) return CheckOutcome.Missing($"{context}packet {w.Packet} was written but never presented", w.Index);
        if (c.Of<IncomingRingFull>().FirstOrDefault() is { } stuck && c.Of<PacketWritten>().All(w => w.Packet != stuck.Packet))
            return CheckOutcome.Missing($"{context}packet {stuck.Packet} never found room on the incoming ring: the channel stopped consuming", stuck.Index);
        return null;
    }
}

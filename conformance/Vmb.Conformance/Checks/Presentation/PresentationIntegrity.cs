using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>Shared by R-PP-16 and R-PP-17: every presentation is an exact match of a distinct well-formed data packet.</summary>
internal static class PresentationIntegrity
{
    public static CheckOutcome OnlyPresentable(CheckContext c, string what)
    {
        var presentable = c.WrittenPackets.Count(i => c.Packets[i].IsPresentable);
        var first = new HashSet<int>();
        foreach (var p in c.Presentations)
        {
            if (p.Packet < 0 || p.Value == 0)
                return CheckOutcome.Fail($"a presentation matches no well-formed data packet written: {what} reached the client?", p.Index);
            first.Add(p.Packet);
        }
        if (first.Count > presentable) return CheckOutcome.Fail($"more packets presented than well-formed data packets written: {what} reached the client", c.Presentations[^1].Index);
        return CheckOutcome.Pass;
    }
}

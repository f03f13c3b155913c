using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>Shared by R-PP-16 and R-PP-17: no presentation is (byte for byte) a packet of the given kinds.</summary>
internal static class PresentationIntegrity
{
    public static CheckOutcome NeverPresented(CheckContext c, Func<WritePacketStep, bool> kind, string what)
    {
        foreach (var p in c.Presentations)
        {
            if (p.Packet < 0) return CheckOutcome.Fail("a presentation matches no packet written at all", p.Index);
            if (kind(c.Packets[p.Packet])) return CheckOutcome.Fail($"packet {p.Packet}, {what}, was presented to the client", p.Index);
        }
        return CheckOutcome.Pass;
    }
}

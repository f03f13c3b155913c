using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-4: the handle names exactly one packet: two packets outstanding at once never share a handle.</summary>
internal sealed class HandlePerPacketCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-4";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var owner = new Dictionary<int, int>();
        foreach (var e in c.Of<PresentationEvent>())
        {
            if (e.Packet < 0 || e.Handle < 0) continue;
            if (e is PresentationBegun)
            {
                if (owner.TryGetValue(e.Handle, out var other) && other != e.Packet)
                    return CheckOutcome.Fail($"handle {e.Handle} presented for packet {e.Packet} while it still names outstanding packet {other}", e.Index);
                owner[e.Handle] = e.Packet;
            }
            if (e is PacketCompleted or PacketFailed && owner.GetValueOrDefault(e.Handle, -1) == e.Packet) owner.Remove(e.Handle);
        }
        return CheckOutcome.PassIf(c.Presentations.Count > 1);
    }
}

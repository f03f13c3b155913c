using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-17 (P-17): a self-contradictory descriptor never reaches the client.</summary>
internal sealed class MalformedNeverPresentedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-17";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.WrittenPackets.Any(i => c.Packets[i].Kind == PacketKind.Malformed)) return CheckOutcome.NotExercised;
        return PresentationIntegrity.NeverPresented(c, p => p.Kind == PacketKind.Malformed, "a malformed packet");
    }
}

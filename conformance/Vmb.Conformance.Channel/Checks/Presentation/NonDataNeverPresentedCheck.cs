using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-16 (D9): incoming completions (0xB) and cancels (0xA) are never presented.</summary>
internal sealed class NonDataNeverPresentedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-16";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var nonData = c.WrittenPackets.Where(i => c.Packets[i].Kind is PacketKind.Completion or PacketKind.Cancel).ToList();
        if (nonData.Count == 0) return CheckOutcome.NotExercised;
        return PresentationIntegrity.NeverPresented(c, p => p.Kind is PacketKind.Completion or PacketKind.Cancel, "an incoming completion or cancel");
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-1 (P-16): with a running channel and a client that answers, every well-formed data packet written is presented.</summary>
internal sealed class EveryPacketPresentedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-1";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.LivenessJudgeable) return CheckOutcome.NotExercised;
        return NeverPresented.First(c, "") ?? CheckOutcome.PassIf(c.Of<PacketWritten>().Any(w => c.Packets[w.Packet].IsPresentable));
    }
}

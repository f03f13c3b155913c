using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Ring;

/// <summary>R-SIG-10: extra doorbells are only hints: a run with spurious doorbells still presents every packet (presenting one twice is R-CMPL-1's business).</summary>
internal sealed class SignalsAreHintsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-10";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.LivenessJudgeable || !c.Of<SignalSent>().Any(e => e.Reason == Subject.ExtraSignal)) return CheckOutcome.NotExercised;
        return Presentation.NeverPresented.First(c, "with extra doorbells, ") ?? CheckOutcome.Pass;
    }
}

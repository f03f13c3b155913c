using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Quota;

/// <summary>R-CMPL-11: answers lower the outstanding count and restart an intake the quota halted: every packet is presented in the end.</summary>
internal sealed class AnswerRestartsIntakeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-11";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.TransactionQuota;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.LivenessJudgeable || !c.Run.Facts.QuotaReached) return CheckOutcome.NotExercised;
        return Presentation.NeverPresented.First(c, "after the quota halted intake and the client answered every packet it held back, ") ?? CheckOutcome.Pass;
    }
}

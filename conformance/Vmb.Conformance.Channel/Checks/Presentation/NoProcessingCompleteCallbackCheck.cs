using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-21 (MAY): a channel registered without a processing-complete callback works normally.</summary>
internal sealed class NoProcessingCompleteCallbackCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-21";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Scenario.Options.ProcessingCompleteCallback || !c.LivenessJudgeable) return CheckOutcome.NotExercised;
        return NeverPresented.First(c, "without a processing-complete callback, ") ?? CheckOutcome.Pass;
    }
}

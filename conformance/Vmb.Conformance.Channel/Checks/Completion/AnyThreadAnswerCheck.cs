using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-SYNC-1 (MAY): Complete after the callback returned is accepted at DISPATCH_LEVEL and below.</summary>
internal sealed class AnyThreadAnswerCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SYNC-1";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        return LaterAnswers.Judge(c, null);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMPL-2 (MAY): an answer given after the callback returned, from another context, is accepted and takes effect.</summary>
internal sealed class LaterAnswerAcceptedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-2";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        return LaterAnswers.Judge(c, Irql.Passive);
    }
}

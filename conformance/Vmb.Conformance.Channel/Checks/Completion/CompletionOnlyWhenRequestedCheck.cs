using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMP-2: completions go only to packets with flag bit 0, one per such packet (wire view of R-CMPL-4).</summary>
internal sealed class CompletionOnlyWhenRequestedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMP-2";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        return CompletionCounting.Judge(c, lowerBoundOnly: false);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMPL-9: Complete is accepted at any IRQL up to DISPATCH_LEVEL, also from outside the callback.</summary>
internal sealed class CompleteAtDispatchCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-9";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var answer in c.Of<PacketCompleted>().Where(e => !e.InsideCallback && e.Irql == Irql.Dispatch && e.Packet >= 0))
        {
            exercised = true;
            if (c.RefusedComplete(answer) is { } next)
                return CheckOutcome.Fail($"Complete at DISPATCH_LEVEL from outside the callback was refused: {next.Message}", next.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

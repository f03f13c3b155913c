using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-20 (P-7): processing-complete obeys the same IRQL ceiling.</summary>
internal sealed class ProcessingCompleteIrqlCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-20";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var calls = c.Of<ProcessingCompleteCalled>().ToList();
        foreach (var e in calls)
            if (e.Irql > CheckContext.CallbackCeiling) return CheckOutcome.Fail($"ProcessingComplete ran at {e.Irql}", e.Index);
        return CheckOutcome.PassIf(calls.Count > 0);
    }
}

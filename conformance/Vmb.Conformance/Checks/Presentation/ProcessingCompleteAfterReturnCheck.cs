using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-SYNC-3: processing-complete starts only after the last ProcessPacket of its run returned.</summary>
public sealed class ProcessingCompleteAfterReturnCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SYNC-3";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var open = 0;
        var exercised = false;
        foreach (var e in c.Events)
        {
            if (e.Kind == TraceKind.PresentationBegun) open++;
            if (e.Kind == TraceKind.PresentationEnded) open--;
            if (e.Kind != TraceKind.ProcessingComplete) continue;
            exercised = true;
            if (open > 0 && !c.Scenario.Threaded) return CheckOutcome.Fail("ProcessingComplete began while a ProcessPacket call was still running", e.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

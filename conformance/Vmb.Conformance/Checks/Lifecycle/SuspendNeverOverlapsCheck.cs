using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-SYNC-4: Suspend never overlaps a ProcessPacket call.</summary>
public sealed class SuspendNeverOverlapsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SYNC-4";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var open = 0;
        var exercised = false;
        foreach (var e in c.Events)
        {
            if (e.Kind == TraceKind.PresentationBegun) open++;
            if (e.Kind == TraceKind.PresentationEnded) open--;
            if (e.Kind != TraceKind.StateCallbackBegun || e.Detail != "Suspend") continue;
            exercised = true;
            if (open > 0 && !c.Scenario.Threaded) return CheckOutcome.Fail("Suspend began while ProcessPacket was running", e.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

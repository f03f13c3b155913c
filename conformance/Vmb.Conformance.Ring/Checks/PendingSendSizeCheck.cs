using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-SIG-4: a writer refused for lack of room sets pending_send_size to at least the packet's total, and the next
/// successful write resets it to 0.
/// </summary>
internal sealed class PendingSendSizeCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-4";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.SetsPendingSendSize;

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        var waiting = false;
        foreach (var step in run.Steps.Where(s => s.Op.Kind == RingOpKind.Write && s.Outcome != StepOutcome.Threw))
        {
            var pss = step.Field(ControlPage.PendingSendSizeOffset);
            if (step.Outcome == StepOutcome.Full)
            {
                exercised = true;
                waiting = true;
                var total = RingPacketBytes.Total(step.Op);
                if (pss < total)
                    return CheckOutcome.Fail($"refused a packet of total {total} but pending_send_size = {pss}", step.Index);
            }
            else if (step.Outcome == StepOutcome.Written && waiting)
            {
                waiting = false;
                if (pss != 0)
                    return CheckOutcome.Fail($"wrote a packet after being refused, but pending_send_size is still {pss}", step.Index);
            }
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-SIG-3: MaskInterrupts sets interrupt_mask; UnmaskInterrupts clears it and then looks once more, reporting
/// whether unread data is waiting.
/// </summary>
internal sealed class MaskProtocolCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-3";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.InterruptMaskApi;

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        foreach (var f in RingModel.Reader(run).Where(f => f.Step.Op.Kind is RingOpKind.Mask or RingOpKind.Unmask && f.Step.Outcome != StepOutcome.Threw && !f.Poisoned))
        {
            exercised = true;
            var mask = f.Step.Field(ControlPage.InterruptMaskOffset);
            if (f.Step.Op.Kind == RingOpKind.Mask && mask == 0)
                return CheckOutcome.Fail("MaskInterrupts left interrupt_mask at 0", f.Step.Index);
            if (f.Step.Op.Kind != RingOpKind.Unmask) continue;
            if (mask != 0) return CheckOutcome.Fail($"UnmaskInterrupts left interrupt_mask at {mask}", f.Step.Index);
            var w = f.Step.Field(ControlPage.WriteIndexOffset);
            if (w >= run.Scenario.DataSize || w % 8 != 0) continue;
            var waiting = w != f.Position;
            if (f.Step.Waiting != waiting)
                return CheckOutcome.Fail($"UnmaskInterrupts returned {f.Step.Waiting} with W = {w} and the reader at {f.Position}; expected {waiting}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

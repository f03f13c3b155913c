using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-SIG-1 (INV-SIG-W): Commit asks for a signal exactly when something was published, interrupt_mask is 0, and R
/// equals the W from before the batch — never otherwise (an empty commit included). Not judged after the ring was
/// overfilled (R-RING-7's verdict): W = R then no longer tells full from empty.
/// </summary>
internal sealed class NewDataSignalCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-1";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        foreach (var f in RingModel.Writer(run).Where(f => f.Step.Op.Kind == RingOpKind.Commit && f.Step.Signal is not null && !f.Overrun))
        {
            exercised = true;
            var before = run.ControlBefore(f.Step.Index);
            var masked = ControlPage.Read(before, ControlPage.InterruptMaskOffset) != 0;
            var r = ControlPage.Read(before, ControlPage.ReadIndexOffset);
            var expected = f.StagedAny && !masked && r == f.PublishedBefore;
            if (f.Step.Signal != expected)
                return CheckOutcome.Fail(
                    $"Commit returned signal = {f.Step.Signal}; expected {expected} (published something: {f.StagedAny}, interrupt_mask {(masked ? "set" : "clear")}, R {r}, W before the batch {f.PublishedBefore})", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

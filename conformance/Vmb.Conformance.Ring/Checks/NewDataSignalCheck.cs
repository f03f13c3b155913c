using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-SIG-1 (INV-SIG-W), shape-neutral (D25): every operation of the writer that publishes write_index — a Commit
/// when it stages, a write when it does not — raises one signal exactly when interrupt_mask is 0 and R equals the W
/// from before that publication, and raises it after the store; no other operation signals. Not judged after the
/// ring was overfilled (R-RING-7's verdict): W = R then no longer tells full from empty.
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
        foreach (var f in RingModel.Writer(run).Where(f => f.Step.ByImplementation && f.Step.Outcome != StepOutcome.Threw && !f.Overrun))
        {
            var signals = f.Step.Signals;
            // A commit that rightly stays silent exercises the rule's "no other case" half, as a publication does its first.
            exercised |= f.Published || signals.Count > 0 || f.Step.Op.Kind == RingOpKind.Commit;
            var before = run.ControlBefore(f.Step.Index);
            var masked = ControlPage.Read(before, ControlPage.InterruptMaskOffset) != 0;
            var r = ControlPage.Read(before, ControlPage.ReadIndexOffset);
            var expected = f.Published && !masked && r == f.PublishedBefore;
            var why = $"published: {f.Published}, interrupt_mask {(masked ? "set" : "clear")}, R {r}, W before {f.PublishedBefore}";
            if (signals.Count > 1)
                return CheckOutcome.Fail($"{f.Step.Op} raised {signals.Count} signals; at most one is due ({why})", f.Step.Index);
            if (signals.Count != (expected ? 1 : 0))
                return CheckOutcome.Fail($"{f.Step.Op} {(expected ? "raised no signal" : "raised a signal")}; expected {(expected ? "one" : "none")} ({why})", f.Step.Index);
            if (signals.Count == 1 && ControlPage.Read(signals[0], ControlPage.WriteIndexOffset) == f.PublishedBefore)
                return CheckOutcome.Fail($"{f.Step.Op} signalled before it stored the new write_index", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

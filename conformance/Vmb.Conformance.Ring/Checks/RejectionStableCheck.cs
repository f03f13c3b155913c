using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-MAL-9 (INV-NOOVERSHOOT): a rejection changes no shared byte, and once a reader has rejected a malformed packet it
/// keeps giving the same error — it never skips it (no Packet, no Empty afterwards). Only the safety part: which rule
/// the error names is R-MAL-16's business, and whether the first read rejects at all is judged by the table rows.
/// </summary>
internal sealed class RejectionStableCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-9";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        RingError? first = null;
        var exercised = false;
        foreach (var f in RingModel.Reader(run).Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Step.ByImplementation && f.Expected is ExpectedRead.Malformed or ExpectedRead.Either))
        {
            var fault = f.Next!.Op.Fault;
            var rejected = f.Step.Outcome == StepOutcome.Malformed;
            if (!rejected && first is null) continue;
            exercised = true;
            if (!run.ControlBefore(f.Step.Index).AsSpan().SequenceEqual(f.Step.Control))
                return CheckOutcome.Fail($"a read at the rejected {fault} packet at {f.Next.Start} changed the control page", f.Step.Index);
            if (f.Step.Outcome == StepOutcome.BufferTooSmall && f.Step.Op.Destination != 0) continue;
            if (!rejected || f.Step.Error is not { } error)
                return CheckOutcome.Fail($"after rejecting the {fault} packet at {f.Next.Start} with {first}, a retry returned {f.Step.Outcome}", f.Step.Index);
            if (first is not null && first != error)
                return CheckOutcome.Fail($"retrying gave \"{error}\", the first rejection was \"{first}\"", f.Step.Index);
            first ??= error;
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Checks;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.RingLevel.Checks;

/// <summary>
/// R-MAL-9 (INV-NOOVERSHOOT): once a read reaches a malformed packet, every read there fails the same way with an
/// error naming the violated rule, no shared byte changes, and nothing is ever skipped (no Packet, no Empty).
/// </summary>
public sealed class RejectionStableCheck : RingCheck
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
        foreach (var f in RingModel.Reader(run).Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected == ExpectedRead.Malformed))
        {
            exercised = true;
            var fault = f.Next!.Op.Fault;
            if (!run.ControlBefore(f.Step.Index).AsSpan().SequenceEqual(f.Step.Control))
                return CheckOutcome.Fail($"rejecting the {fault} packet at {f.Next.Start} changed the control page", f.Step.Index);
            if (f.Step.Outcome == nameof(RingReadStatus.BufferTooSmall) && f.Step.Op.Destination != 0) continue;
            if (f.Step.Outcome != nameof(RingReadStatus.Malformed) || f.Step.Error is not { } error)
                return CheckOutcome.Fail($"read at the {fault} packet at {f.Next.Start} returned {f.Step.Outcome}{(first is null ? "" : $" after first rejecting it with {first}")}", f.Step.Index);
            var rule = RingFaults.RuleBroken(fault);
            if (error.RuleId != rule)
                return CheckOutcome.Fail($"the {fault} packet at {f.Next.Start} was rejected with {error.RuleId}; the violated rule is {rule}", f.Step.Index);
            if (first is not null && (first.Field != error.Field || first.Value != error.Value || first.RingOffset != error.RingOffset))
                return CheckOutcome.Fail($"retrying gave {error}, first rejection was {first}", f.Step.Index);
            first ??= error;
        }
        return CheckOutcome.PassIf(exercised);
    }
}

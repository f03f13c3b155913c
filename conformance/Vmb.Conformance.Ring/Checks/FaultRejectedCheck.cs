using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// Shared shape of the ring-format §5 table rows: the first read that reaches a spoiled packet (or index) rejects it
/// (BufferTooSmall is also fine when the destination is small: nothing is consumed) and leaves read_index unchanged.
/// Which rule the error names is R-MAL-9's business.
/// </summary>
internal abstract class FaultRejectedCheck : RingCheck
{
    /// <summary>Verdict on a run whose ring was corrupt at attach time (not exercised unless a rule speaks about it).</summary>
    protected virtual CheckOutcome Attached(RingRun run) => CheckOutcome.NotExercised;

    /// <summary>The faults this rule is about.</summary>
    protected abstract RingFault[] Faults { get; }

    /// <inheritdoc />
    public sealed override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public sealed override CheckOutcome Evaluate(RingRun run)
    {
        if (run.Scenario.Attach == RingAttach.CorruptIndex) return Attached(run);
        var exercised = false;
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.FirstAtFault && Faults.Contains(f.Next!.Op.Fault)))
        {
            exercised = true;
            if (!conditions.Attributable(f, ReadCondition.MalformedPacket)) continue;
            if (f.Step.Outcome == StepOutcome.Threw)
                return CheckOutcome.Fail($"reading the {f.Next!.Op.Fault} packet at {f.Next.Start} threw {f.Step.Exception}", f.Step.Index);
            var small = f.Step.Outcome == StepOutcome.BufferTooSmall && f.Step.Op.Destination != 0;
            if (f.Step.Outcome != StepOutcome.Malformed && !small)
                return CheckOutcome.Fail($"the {f.Next!.Op.Fault} packet at {f.Next.Start} was not rejected: the read returned {f.Step.Outcome}", f.Step.Index);
            var r = f.Step.Field(ControlPage.ReadIndexOffset);
            if (r != ControlPage.Read(run.ControlBefore(f.Step.Index), ControlPage.ReadIndexOffset))
                return CheckOutcome.Fail($"read_index moved to {r} on rejecting the {f.Next!.Op.Fault} packet", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

/// <summary>R-MAL-1: a published W not below S or not a multiple of 8 is rejected; so is a corrupt R when the reader attaches.</summary>
internal sealed class CorruptIndexRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-1";

    /// <inheritdoc />
    public override bool Judges(RingRun run) =>
        run.Scenario.Role == RingRole.Reader && (run.Scenario.Attach == RingAttach.CorruptIndex || base.Judges(run));

    /// <inheritdoc />
    protected override CheckOutcome Attached(RingRun run) => AttachRefusal.Judge(run, "reader");

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.CorruptWriteIndex];
}

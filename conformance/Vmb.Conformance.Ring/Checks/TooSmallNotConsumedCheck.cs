using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-14: a packet larger than the destination is neither consumed nor truncated; the required size is reported.</summary>
internal sealed class TooSmallNotConsumedCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-14";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected == ExpectedRead.TooSmall && f.Step.Outcome != StepOutcome.Threw && !f.Poisoned))
        {
            exercised = true;
            if (!conditions.Attributable(f, ReadCondition.SmallDestination)) continue;
            var length = f.Next!.Descriptor.Length;
            if (f.Step.Outcome != StepOutcome.BufferTooSmall)
                return CheckOutcome.Fail($"a {length}-byte packet read into {f.Step.Op.Destination} bytes returned {f.Step.Outcome}", f.Step.Index);
            if (f.Step.RequiredSize < length)
                return CheckOutcome.Fail($"a {length}-byte packet reported required size {f.Step.RequiredSize}", f.Step.Index);
            if (!run.ControlBefore(f.Step.Index).AsSpan().SequenceEqual(f.Step.Control))
                return CheckOutcome.Fail("a read into a too-small destination changed the control page", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-RING-6 (INV-USED): the reader reports Empty exactly when its R equals W.</summary>
internal sealed class EmptyIffIndicesEqualCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-6";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Step.Outcome != StepOutcome.Threw && f.Expected != ExpectedRead.Malformed && !f.AfterClobber))
        {
            exercised = true;
            var empty = f.Step.Outcome == StepOutcome.Empty;
            if (empty != (f.Expected == ExpectedRead.Empty) && conditions.Attributable(f, ReadCondition.WriterBehind))
                return CheckOutcome.Fail(f.Expected == ExpectedRead.Empty
                    ? $"R = W = {f.Position} but the read returned {f.Step.Outcome}"
                    : $"a packet is unread at {f.Next!.Start} but the read returned Empty", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

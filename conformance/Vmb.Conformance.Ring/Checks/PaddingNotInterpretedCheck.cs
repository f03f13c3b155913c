using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-DESC-16: a packet whose padding bytes are not zero is read like any other.</summary>
internal sealed class PaddingNotInterpretedCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-16";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected == ExpectedRead.Packet && f.Next!.Op.Fault == RingFault.GarbagePadding))
        {
            exercised = true;
            if (!conditions.Attributable(f, ReadCondition.GarbagePadding)) continue;
            if (f.Step.Outcome != StepOutcome.Packet)
                return CheckOutcome.Fail($"packet at {f.Next!.Start} with non-zero padding gave {f.Step.Outcome} {f.Step.Error}", f.Step.Index);
            if (PacketContent.Difference(f.Next!.Op, f.Step.PacketBytes!) is { } why)
                return CheckOutcome.Fail($"packet at {f.Next.Start} with non-zero padding: {why}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

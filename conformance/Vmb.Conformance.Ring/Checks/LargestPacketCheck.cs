using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-DESC-13: the largest packet a ring holds, total S − 8, is legal: a writer with room accepts it (unlike
/// OpenVMM's writer) and a reader returns it.
/// </summary>
internal sealed class LargestPacketCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-13";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var largest = WireConstants.MaxTotalForRing(run.Scenario.DataSize);
        var exercised = false;
        if (run.Scenario.Role == RingRole.Writer)
        {
            foreach (var f in RingModel.Writer(run).Where(f => f.Step.Op.Kind == RingOpKind.Write && RingPacketBytes.Total(f.Step.Op) == largest && f.FreeBefore > largest))
            {
                exercised = true;
                if (f.Step.Outcome != StepOutcome.Written)
                    return CheckOutcome.Fail($"a packet of total {largest} (S − 8) with {f.FreeBefore} bytes free gave {f.Step.Outcome} {f.Step.Exception}", f.Step.Index);
            }
            return CheckOutcome.PassIf(exercised);
        }
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected == ExpectedRead.Packet && f.Next!.Total == largest && !f.Poisoned))
        {
            exercised = true;
            if (f.Step.Outcome != StepOutcome.Packet && conditions.Attributable(f, ReadCondition.Largest))
                return CheckOutcome.Fail($"reading a packet of total {largest} (S − 8) gave {f.Step.Outcome} {f.Step.Error}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

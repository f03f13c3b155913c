using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-RING-7 (INV-ACCEPT, INV-USED): a write of total T succeeds exactly when free &gt; T, so W never catches up with R.</summary>
internal sealed class NeverFillsRingCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-7";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        foreach (var fact in RingModel.Writer(run).Where(f => f.Step.Op.Kind == RingOpKind.Write && f.Step.Outcome != StepOutcome.Threw && f.FreeBefore >= 0))
        {
            var total = RingPacketBytes.Total(fact.Step.Op);
            var fits = fact.FreeBefore > total;
            exercised |= !fits || fact.FreeBefore - total < 512;
            if (fact.Step.Outcome == StepOutcome.Written && !fits)
                return CheckOutcome.Fail($"a packet of total {total} was written with only {fact.FreeBefore} bytes free (needs free > total)", fact.Step.Index);
            if (fact.Step.Outcome == StepOutcome.Full && fits)
                return CheckOutcome.Fail($"a packet of total {total} was refused with {fact.FreeBefore} bytes free", fact.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-RING-14: a reader that finds interrupt_mask already set when it attaches reads exactly as it would otherwise:
/// every packet the model expects is returned, and Empty only when nothing is unread.
/// </summary>
internal sealed class InitialMaskIgnoredCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-14";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        if (!run.Scenario.InitiallyMasked) return CheckOutcome.NotExercised;
        var exercised = false;
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected is ExpectedRead.Packet or ExpectedRead.Empty
                                                           && f.Step.Outcome != StepOutcome.Threw && !f.AfterClobber && !f.Poisoned))
        {
            exercised |= f.Expected == ExpectedRead.Packet;
            var want = f.Expected == ExpectedRead.Packet ? StepOutcome.Packet : StepOutcome.Empty;
            // Only a read made while the mask is still as the reader found it says anything about that mask (E-40).
            if (f.Step.Outcome != want && conditions.Meets(f, ReadCondition.MaskedAtAttach) && conditions.Attributable(f, ReadCondition.MaskedAtAttach))
                return CheckOutcome.Fail($"with interrupt_mask set at attach, the read returned {f.Step.Outcome} {f.Step.Error}; expected {want}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

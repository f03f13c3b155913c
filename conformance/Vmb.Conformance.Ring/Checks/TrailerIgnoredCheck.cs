using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-11: a wrong trailer value changes nothing — the packet is returned and reading goes on past it.</summary>
internal sealed class TrailerIgnoredCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-11";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected == ExpectedRead.Packet && f.Next!.Op.Fault == RingFault.WrongTrailer))
        {
            exercised = true;
            if (!conditions.Attributable(f, ReadCondition.WrongTrailer)) continue;
            if (f.Step.Outcome != StepOutcome.Packet)
                return CheckOutcome.Fail($"packet at {f.Next!.Start} with a wrong trailer gave {f.Step.Outcome} {f.Step.Error}", f.Step.Index);
            var after = facts.Skip(f.Step.Index + 1).FirstOrDefault(g => g.Step.Op.Kind == RingOpKind.Read && g.Expected is ExpectedRead.Packet or ExpectedRead.Empty);
            if (after is not null && conditions.Attributable(after, ReadCondition.None) && after.Step.Outcome != after.Expected switch { ExpectedRead.Packet => StepOutcome.Packet, _ => StepOutcome.Empty })
                return CheckOutcome.Fail($"after the packet with a wrong trailer, the next read gave {after.Step.Outcome} {after.Step.Error}; expected {after.Expected}", after.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

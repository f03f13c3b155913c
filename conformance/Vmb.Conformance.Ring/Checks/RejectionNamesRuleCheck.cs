using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-MAL-16: a rejection of a spoiled packet or index names the rule the input broke. Split from R-MAL-9 (D25): an
/// error without a rule ID keeps every MUST and fails only this SHOULD.
/// </summary>
internal sealed class RejectionNamesRuleCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-16";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected is ExpectedRead.Malformed or ExpectedRead.Either
                                                           && f.Step.Outcome == StepOutcome.Malformed && f.Step.Error is not null))
        {
            exercised = true;
            var rule = RingFaults.RuleBroken(f.Next!.Op.Fault);
            if (f.Step.Error!.RuleId != rule && conditions.Attributable(f, ReadCondition.MalformedPacket))
                return CheckOutcome.Fail($"the {f.Next.Op.Fault} packet at {f.Next.Start} was rejected with \"{f.Step.Error}\", which does not name {rule}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

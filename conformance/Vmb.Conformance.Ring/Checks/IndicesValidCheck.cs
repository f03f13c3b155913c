using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-RING-4 (INV-IDX): after every operation the index the implementation owns is below S and a multiple of 8.</summary>
internal sealed class IndicesValidCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-4";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var field = run.Scenario.Role == RingRole.Writer ? ControlPage.WriteIndexOffset : ControlPage.ReadIndexOffset;
        foreach (var step in run.Steps.Where(s => s.ByImplementation))
        {
            var value = step.Field(field);
            if (value >= run.Scenario.DataSize || value % WireConstants.Alignment != 0)
                return CheckOutcome.Fail($"{ControlPage.FieldName(field)} = {value} after {step.Op}; S = {run.Scenario.DataSize}", step.Index);
        }
        return CheckOutcome.PassIf(run.Steps.Any(s => s.ByImplementation));
    }
}

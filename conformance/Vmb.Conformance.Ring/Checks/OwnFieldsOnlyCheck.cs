using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-RING-5: the implementation never writes the other side's control fields, nor feature_bits after creation.</summary>
internal sealed class OwnFieldsOnlyCheck : RingCheck
{
    private static readonly int[] ReaderOwned = [ControlPage.ReadIndexOffset, ControlPage.InterruptMaskOffset, ControlPage.FeatureBitsOffset];
    private static readonly int[] WriterOwned = [ControlPage.WriteIndexOffset, ControlPage.PendingSendSizeOffset, ControlPage.FeatureBitsOffset];

    /// <inheritdoc />
    public override string RequirementId => "R-RING-5";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var foreign = run.Scenario.Role == RingRole.Writer ? ReaderOwned : WriterOwned;
        foreach (var step in run.Steps.Where(s => s.ByImplementation))
        {
            var before = run.ControlBefore(step.Index);
            foreach (var field in foreign)
                if (ControlPage.Read(before, field) != step.Field(field))
                    return CheckOutcome.Fail(
                        $"the implementation's {run.Scenario.Role.ToString().ToLowerInvariant()} changed {ControlPage.FieldName(field)} from {ControlPage.Read(before, field)} to {step.Field(field)} during {step.Op}", step.Index);
        }
        return CheckOutcome.PassIf(run.Steps.Any(s => s.ByImplementation));
    }
}

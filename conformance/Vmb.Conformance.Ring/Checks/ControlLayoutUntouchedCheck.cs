using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-RING-2 (INV-BOUNDS): the implementation keeps no state of its own in the control page — no reserved byte changes.</summary>
internal sealed class ControlLayoutUntouchedCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-2";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        foreach (var step in run.Steps.Where(s => s.ByImplementation))
        {
            var before = run.ControlBefore(step.Index);
            for (var i = ControlPage.ReservedOffset; i < WireConstants.ControlPageSize; i++)
                if (i is < ControlPage.FeatureBitsOffset or >= ControlPage.FeatureBitsOffset + 4 && before[i] != step.Control[i])
                    return CheckOutcome.Fail($"control page byte {i} (reserved) changed from 0x{before[i]:x2} to 0x{step.Control[i]:x2}", step.Index);
        }
        return CheckOutcome.PassIf(run.Steps.Any(s => s.ByImplementation));
    }
}

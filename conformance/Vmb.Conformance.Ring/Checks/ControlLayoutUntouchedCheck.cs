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
            // A step that left the page as it was shares its snapshot with the step before.
            if (ReferenceEquals(before, step.Control)) continue;
            var changed = Changed(before, step.Control, ControlPage.ReservedOffset, ControlPage.FeatureBitsOffset)
                ?? Changed(before, step.Control, ControlPage.FeatureBitsOffset + 4, WireConstants.ControlPageSize);
            if (changed is not { } i) continue;
            return CheckOutcome.Fail($"control page byte {i} (reserved) changed from 0x{before[i]:x2} to 0x{step.Control[i]:x2}", step.Index);
        }
        return CheckOutcome.PassIf(run.Steps.Any(s => s.ByImplementation));
    }

    // The first byte in [from, to) that differs, compared a vector at a time.
    private static int? Changed(byte[] before, byte[] after, int from, int to)
    {
        var same = before.AsSpan(from, to - from).CommonPrefixLength(after.AsSpan(from, to - from));
        return same < to - from ? from + same : null;
    }
}

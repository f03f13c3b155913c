using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-11 (P-7): ProcessPacket runs at IRQL ≤ DISPATCH_LEVEL.</summary>
internal sealed class CallbackIrqlCeilingCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-11";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations)
            if (p.Irql > CheckContext.CallbackCeiling) return CheckOutcome.Fail($"ProcessPacket ran at {p.Irql}", p.Index);
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

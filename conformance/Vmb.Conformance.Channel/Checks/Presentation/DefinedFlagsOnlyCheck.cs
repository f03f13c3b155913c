using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-9: Flags uses only the EXTERNAL_DATA bit.</summary>
internal sealed class DefinedFlagsOnlyCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-9";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations)
            if ((p.Flags & ~KmclFlags.ProcessPacketDefinedMask) != 0)
                return CheckOutcome.Fail($"Flags 0x{p.Flags:X} has undefined bits", p.Index);
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-19: pipe-mode channels never carry external data.</summary>
internal sealed class PipeNoExternalDataCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-19";

    /// <inheritdoc />
    public override FramingProfile? Profile => FramingProfile.Pipe;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations)
            if ((p.Flags & KmclFlags.ProcessPacketExternalData) != 0) return CheckOutcome.Fail("a pipe-mode presentation carries EXTERNAL_DATA", p.Index);
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

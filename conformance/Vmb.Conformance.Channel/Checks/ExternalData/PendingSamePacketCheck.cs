using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-10: the presentation after PENDING has the same bytes, length and flags.</summary>
internal sealed class PendingSamePacketCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-10";

    /// <inheritdoc />
    /// <remarks>Pipe-mode channels carry no external data (R-EXT-19), so the rule says nothing about them.</remarks>
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExternalData;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        return Representation.Judge<ExternalDataRequested>(c, e => e.Status == NtStatus.Pending, "PENDING");
    }
}

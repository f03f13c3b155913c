using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Defer;

/// <summary>R-DEF-4 (P-6): the re-presented packet has the same bytes, length and flags.</summary>
internal sealed class DeferSamePacketCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DEF-4";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.DeferToPassive;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        return ExternalData.Representation.Judge<PacketDeferred>(c, _ => true, "Defer");
    }
}

using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-3: a strict reader rejects offset8 below 2 (errata E-24).</summary>
internal sealed class Offset8RejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-3";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.StrictReader;

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.Offset8BelowTwo];
}

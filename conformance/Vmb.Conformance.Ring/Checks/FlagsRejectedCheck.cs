using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-6: a strict reader rejects a flag bit other than bit 0 (errata E-24).</summary>
internal sealed class FlagsRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-6";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.StrictReader;

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.UndefinedFlag];
}

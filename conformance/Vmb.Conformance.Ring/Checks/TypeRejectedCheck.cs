using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-7: a strict reader rejects a type outside {6, 7, 9, 11} (cancel not generated; errata E-24).</summary>
internal sealed class TypeRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-7";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.StrictReader;

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.UnknownType];
}

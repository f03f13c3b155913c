using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-8: a strict reader rejects type 7 with offset8 below 3 and type 9 without ranges (errata E-24).</summary>
internal sealed class RangesRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-8";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.StrictReader;

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.RangeTypeShortOffset, RingFault.GpaWithoutRanges];
}

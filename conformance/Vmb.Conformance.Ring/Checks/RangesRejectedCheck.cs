namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-8: type 7 with offset8 below 3 and type 9 without ranges are rejected.</summary>
internal sealed class RangesRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-8";

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.RangeTypeShortOffset, RingFault.GpaWithoutRanges];
}

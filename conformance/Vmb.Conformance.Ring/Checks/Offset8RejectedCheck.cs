namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-3: offset8 below 2 is rejected.</summary>
internal sealed class Offset8RejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-3";

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.Offset8BelowTwo];
}

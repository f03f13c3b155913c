namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-4: len8 below offset8 is rejected.</summary>
internal sealed class Len8RejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-4";

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.Len8BelowOffset8];
}

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-7: a type outside {6, 7, 9, 11} is rejected (cancel not generated).</summary>
internal sealed class TypeRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-7";

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.UnknownType];
}

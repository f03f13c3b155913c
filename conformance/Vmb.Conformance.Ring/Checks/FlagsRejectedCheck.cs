namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-6: a flag bit other than bit 0 is rejected.</summary>
internal sealed class FlagsRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-6";

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.UndefinedFlag];
}

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-2: 0 &lt; used &lt; 24 is rejected as a truncated packet.</summary>
internal sealed class TruncatedRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-2";

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.Truncated];
}

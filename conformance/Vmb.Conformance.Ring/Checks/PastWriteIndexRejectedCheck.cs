namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-MAL-5: a packet or trailer extending past W is rejected, not waited for.</summary>
internal sealed class PastWriteIndexRejectedCheck : FaultRejectedCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-5";

    /// <inheritdoc />
    protected override RingFault[] Faults => [RingFault.MissingTrailer];
}

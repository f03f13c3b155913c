using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Informational;

/// <summary>R-QUO-5 (INFO): whether re-presented (deferred/pending) packets count against the quota.</summary>
internal sealed class QuotaRepresentationObservation : InformationalCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-QUO-5";

    /// <inheritdoc />
    public override string? Observe(CheckContext c)
    {
        if (c.Scenario.Options.Quota == 0 && !c.Of<ControlCalled>().Any(e => e.Call == Subject.SetTransactionQuota)) return null;
        if (!c.Of<PacketDeferred>().Any() && !c.Of<ExternalDataRequested>().Any(e => e.Status == NtStatus.Pending)) return null;
        return c.Info.Has(ChannelCapabilities.QuotaCountsRepresentations)
            ? "declares that re-presentations count against the quota"
            : "declares that a deferred or pending packet counts once, as one outstanding packet (D7)";
    }
}

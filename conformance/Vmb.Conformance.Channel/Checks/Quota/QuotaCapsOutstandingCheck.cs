using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Quota;

/// <summary>
/// R-QUO-2 (P-10, D7): a new packet is taken only while outstanding &lt; quota. A presentation after the quota was
/// lowered below the outstanding count, before enough answers arrived, is R-QUO-3's to judge (E-39).
/// </summary>
internal sealed class QuotaCapsOutstandingCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-QUO-2";

    /// <summary>On real threads a quota change, or another intake run, can land between an event and the call it records (<see cref="RequirementCheck.SerialOnly"/>).</summary>
    public override bool SerialOnly => true;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.TransactionQuota;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var (p, quota, outstanding, lowered) in QuotaModel.FirstPresentations(c))
        {
            if (lowered) continue;
            exercised = true;
            if (outstanding >= quota) return CheckOutcome.Fail($"packet {p.Packet} presented with {outstanding} outstanding at quota {quota}", p.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Quota;

/// <summary>R-QUO-3: after lowering the quota below the outstanding count, intake waits until enough answers arrive.</summary>
internal sealed class LoweredQuotaWaitsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-QUO-3";

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
            if (!lowered) continue;
            exercised = true;
            if (outstanding >= quota) return CheckOutcome.Fail($"packet {p.Packet} presented with {outstanding} outstanding after the quota was lowered to {quota}", p.Index);
        }
        var lowering = c.Of<ControlCalled>().Any(e => e.Call == Subject.SetTransactionQuota && Lifecycle.Outstanding.At(c, e.Index).Count >= e.Argument);
        return CheckOutcome.PassIf(exercised || lowering);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Quota;

/// <summary>R-QUO-4 (P-10): a quota change alone never triggers a presentation.</summary>
internal sealed class QuotaChangeDoesNotWakeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-QUO-4";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.TransactionQuota;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var set in c.OfKind(TraceKind.ControlCalled).Where(e => e.Subject == Subject.SetTransactionQuota))
        {
            exercised = true;
            var presentedBefore = c.Presentations.Where(p => p.Index < set.Index).Select(p => p.Packet).ToHashSet();
            var wake = c.Events.Skip(set.Index + 1).TakeWhile(e => e.Kind is not (TraceKind.StepBegun or TraceKind.FinalPhase))
                .FirstOrDefault(e => e.Kind == TraceKind.PresentationBegun && !presentedBefore.Contains(e.Packet));
            if (wake is not null) return CheckOutcome.Fail($"packet {wake.Packet} was taken from the ring right after SetTransactionQuota({set.Value}) with no answer in between", wake.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

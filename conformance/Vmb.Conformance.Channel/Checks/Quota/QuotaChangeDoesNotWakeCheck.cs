using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Quota;

/// <summary>
/// R-QUO-4 (P-10): a quota change alone never triggers a presentation. Exercised only by a change made while a
/// packet was waiting on the ring (intake halted); a change with nothing waiting could not wake anything. Serial runs
/// only: on real threads an answer recorded before the change may take effect after it, and then the wake is the answer's.
/// </summary>
internal sealed class QuotaChangeDoesNotWakeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-QUO-4";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.TransactionQuota;

    /// <inheritdoc />
    public override bool SerialOnly => true;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var set in c.Of<ControlCalled>().Where(e => e.Call == Subject.SetTransactionQuota))
        {
            var presentedBefore = c.Presentations.Where(p => p.Index < set.Index).Select(p => p.Packet).ToHashSet();
            exercised |= c.Of<PacketWritten>().Any(w => w.Index < set.Index && c.Packets[w.Packet].IsPresentable && !presentedBefore.Contains(w.Packet));
            var wake = c.Events.Skip(set.Index + 1).TakeWhile(e => e is not (StepBegun or FinalPhaseBegun))
                .OfType<PresentationBegun>().FirstOrDefault(e => !presentedBefore.Contains(e.Packet));
            if (wake is not null) return CheckOutcome.Fail($"packet {wake.Packet} was taken from the ring right after SetTransactionQuota({set.Argument}) with no answer in between", wake.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

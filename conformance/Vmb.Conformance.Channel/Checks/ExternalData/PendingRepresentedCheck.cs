using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-9 (P-5): after PENDING the packet is presented again once resident, and GetExternalData then succeeds.</summary>
internal sealed class PendingRepresentedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-9";

    /// <inheritdoc />
    /// <remarks>Pipe-mode channels carry no external data (R-EXT-19), so the rule says nothing about them.</remarks>
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExternalData;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.LivenessJudgeable) return CheckOutcome.NotExercised;
        var exercised = false;
        foreach (var pending in c.Of<ExternalDataRequested>().Where(x => x.Status == NtStatus.Pending && x.Packet >= 0))
        {
            exercised = true;
            var again = c.Presentations.FirstOrDefault(p => p.Index > pending.Index && p.Packet == pending.Packet);
            if (again is null) return CheckOutcome.Missing($"packet {pending.Packet} got PENDING and was never presented again", pending.Index);
            var answer = c.FirstAnswer(pending.Packet);
            if (answer is null || answer.Index < again.Index) continue;
            var later = c.Of<ExternalDataRequested>().FirstOrDefault(x => x.Index > again.Index && x.Packet == pending.Packet);
            if (later is not null && later.Status == NtStatus.Pending && !c.Events.Any(e => e is PageMadeResident && e.Index > pending.Index && e.Index < later.Index))
                return CheckOutcome.Fail($"packet {pending.Packet} was presented again before its memory became resident", later.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

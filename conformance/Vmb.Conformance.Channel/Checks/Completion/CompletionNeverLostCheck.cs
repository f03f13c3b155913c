using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMPL-8: with the outgoing ring full, replies are queued, never dropped (judged on runs with back-pressure).</summary>
internal sealed class CompletionNeverLostCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-8";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.Run.Facts.OutgoingRingFull) return CheckOutcome.NotExercised;
        foreach (var answer in c.OfKind(TraceKind.Completed))
        {
            var thrown = c.Events.Skip(answer.Index + 1).TakeWhile(e => e.Kind is TraceKind.CallThrew or TraceKind.OutgoingPacket or TraceKind.SignalReceived)
                .FirstOrDefault(e => e.Kind == TraceKind.CallThrew && e.Handle == answer.Handle && e.Subject == Subject.Complete);
            if (thrown is not null && c.FirstAnswer(answer.Packet)?.Index == answer.Index)
                return CheckOutcome.Fail($"Complete failed with a full outgoing ring: {thrown.Detail}", thrown.Index);
        }
        return CompletionCounting.Judge(c, lowerBoundOnly: true);
    }
}

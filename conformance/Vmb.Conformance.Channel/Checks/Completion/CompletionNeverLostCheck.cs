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
        foreach (var answer in c.Of<PacketCompleted>())
        {
            var thrown = c.Events.Skip(answer.Index + 1).TakeWhile(e => e is CallThrew or OutgoingPacketRead or SignalReceived)
                .OfType<CallThrew>().FirstOrDefault(e => e.Handle == answer.Handle && e.Call == Subject.Complete);
            if (thrown is not null && c.FirstAnswer(answer.Packet)?.Index == answer.Index)
                return CheckOutcome.Fail($"Complete failed with a full outgoing ring: {thrown.Message}", thrown.Index);
        }
        return CompletionCounting.Judge(c, lowerBoundOnly: true);
    }
}

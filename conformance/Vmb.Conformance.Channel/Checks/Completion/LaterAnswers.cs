using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>Shared by R-CMPL-2 and R-SYNC-1: answers from outside the callback are accepted (no throw) and produce their reply.</summary>
internal static class LaterAnswers
{
    public static CheckOutcome Judge(CheckContext c, Irql? only)
    {
        var exercised = false;
        foreach (var answer in c.Of<PacketCompleted>().Where(e => !e.InsideCallback && e.Packet >= 0 && (only is null || e.Irql == only)))
        {
            if (c.FirstAnswer(answer.Packet)?.Index != answer.Index) continue;
            exercised = true;
            if (c.RefusedComplete(answer) is { } threw) return CheckOutcome.Fail($"a later Complete was refused: {threw.Message}", threw.Index);
            var step = c.Packets[answer.Packet];
            if (!c.Finished || !step.CompletionRequested || c.Packets.Count(p => p.TransactionId == step.TransactionId) != 1) continue;
            if (!c.OutgoingPackets.Any(o => o.TransactionId == step.TransactionId && o.Index > answer.Index))
                return CheckOutcome.Missing($"packet {answer.Packet}, answered after its callback, never got its reply", answer.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

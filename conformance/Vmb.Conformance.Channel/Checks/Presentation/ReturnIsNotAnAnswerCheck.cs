using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-14: returning from the callback is not an answer: no reply appears before the client answers.</summary>
internal sealed class ReturnIsNotAnAnswerCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-14";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        var idCounts = c.Packets.GroupBy(p => p.TransactionId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var p in c.Presentations.Where(p => p.Packet >= 0))
        {
            var step = c.Packets[p.Packet];
            if (!step.CompletionRequested || idCounts[step.TransactionId] != 1 || step.Policy.Kind != PolicyKind.CompleteLater) continue;
            exercised = true;
            var answer = c.FirstAnswer(p.Packet);
            var reply = c.OutgoingPackets.FirstOrDefault(o => o.TransactionId == step.TransactionId);
            if (reply is not null && (answer is null || reply.Index < answer.Index))
                return CheckOutcome.Fail($"a reply for packet {p.Packet} appeared after its callback returned and before the client answered", reply.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Defer;

/// <summary>R-DEF-3: Defer is not an answer: no reply for a deferred packet before the client completes it.</summary>
internal sealed class DeferIsNotAnAnswerCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DEF-3";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.DeferToPassive;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var d in c.Of<PacketDeferred>().Where(d => d.Packet >= 0))
        {
            var step = c.Packets[d.Packet];
            if (!step.CompletionRequested || c.Packets.Count(p => p.TransactionId == step.TransactionId) != 1) continue;
            exercised = true;
            var answer = c.FirstAnswer(d.Packet);
            var reply = c.OutgoingPackets.FirstOrDefault(o => o.TransactionId == step.TransactionId);
            if (reply is not null && (answer is null || reply.Index < answer.Index))
                return CheckOutcome.Fail($"a reply for deferred packet {d.Packet} appeared before the client answered it", reply.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

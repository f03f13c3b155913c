using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMPL-5: the reply's payload is the client's completion buffer.</summary>
internal sealed class CompletionPayloadCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-5";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var (packet, answer, reply) in CompletionMatching.Pairs(c))
        {
            exercised = true;
            var response = answer.Response;
            var payload = reply.Payload;
            if (payload.Length < response.Length || !payload.AsSpan(0, response.Length).SequenceEqual(response))
                return CheckOutcome.Fail($"packet {packet}: reply payload {Convert.ToHexString(payload)} does not start with the client's {response.Length} completion bytes {Convert.ToHexString(response)}", reply.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

/// <summary>Pairs each completed packet with its reply, for transaction ids that occur once in the scenario.</summary>
internal static class CompletionMatching
{
    public static IEnumerable<(int Packet, PacketCompleted Answer, OutgoingPacketRead Reply)> Pairs(CheckContext c)
    {
        var idCounts = c.Packets.GroupBy(p => p.TransactionId).ToDictionary(g => g.Key, g => g.Count());
        var replies = c.OutgoingPackets.Where(o => o.PacketType == (int)Spec.Wire.PacketType.Completion)
            .GroupBy(o => o.TransactionId).ToDictionary(g => g.Key, g => g.First());
        foreach (var answer in c.Of<PacketCompleted>())
        {
            if (answer.Packet < 0) continue;
            var step = c.Packets[answer.Packet];
            if (!step.CompletionRequested || idCounts[step.TransactionId] != 1) continue;
            if (c.FirstAnswer(answer.Packet)?.Index != answer.Index) continue;
            if (replies.TryGetValue(step.TransactionId, out var reply)) yield return (answer.Packet, answer, reply);
        }
    }
}

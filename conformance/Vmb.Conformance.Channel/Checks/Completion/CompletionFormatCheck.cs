using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMPL-6 (model): the reply is a 0xB packet with the request's id, payload right after the 16-byte descriptor, padded to 8 bytes (padding contents are R-DESC-6).</summary>
internal sealed class CompletionFormatCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-6";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Of<OutgoingMalformed>().FirstOrDefault() is { } bad)
            return CheckOutcome.Fail($"the outgoing ring held an invalid packet: {bad.Problem}", bad.Index);
        var exercised = false;
        var requests = c.Packets.Where(p => p.CompletionRequested).Select(p => p.TransactionId).ToHashSet();
        foreach (var o in c.OutgoingPackets)
        {
            exercised = true;
            if ((ReplyHeader.WrongType(o) ?? ReplyHeader.WrongOffset8(o)) is { } header) return CheckOutcome.Fail(header, o.Index);
            if (!requests.Contains(o.TransactionId))
                return CheckOutcome.Fail($"completion carries transaction id {o.TransactionId}, which no request that asked for a reply had", o.Index);
        }
        foreach (var (packet, answer, reply) in CompletionMatching.Pairs(c))
        {
            var response = answer.Response;
            var payload = reply.Payload;
            if (payload.Length != Spec.Wire.WireConstants.AlignUp(response.Length))
                return CheckOutcome.Fail($"packet {packet}: reply payload of {payload.Length} B for a {response.Length}-byte completion buffer (expected {Spec.Wire.WireConstants.AlignUp(response.Length)} B with padding)", reply.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

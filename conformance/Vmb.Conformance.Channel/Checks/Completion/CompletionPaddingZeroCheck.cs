using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-DESC-6 (SHOULD): the implementation, as writer of completions, fills padding with zeros.</summary>
internal sealed class CompletionPaddingZeroCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-6";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var (packet, answer, reply) in CompletionMatching.Pairs(c))
        {
            var response = answer.Response;
            var payload = reply.Payload;
            if (payload.Length <= response.Length) continue;
            exercised = true;
            if (payload.AsSpan(response.Length).ContainsAnyExcept((byte)0)) return CheckOutcome.Fail($"packet {packet}: completion padding is not zero", reply.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMPL-1 (P-1, D5): each packet gets one final answer over all its presentations and is never presented after it.</summary>
internal sealed class ExactlyOneAnswerCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-1";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var answered = new Dictionary<int, int>();
        foreach (var e in c.Of<PresentationEvent>())
        {
            if (e.Packet < 0) continue;
            if (e is PresentationBegun && answered.TryGetValue(e.Packet, out var at))
                return CheckOutcome.Fail($"packet {e.Packet} was presented again (handle {e.Handle}) after its final answer at event #{at}", e.Index);
            if (e is PacketCompleted or PacketFailed && !answered.TryAdd(e.Packet, e.Index))
                return CheckOutcome.Fail($"packet {e.Packet} received a second final answer (first at event #{answered[e.Packet]})", e.Index);
        }
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

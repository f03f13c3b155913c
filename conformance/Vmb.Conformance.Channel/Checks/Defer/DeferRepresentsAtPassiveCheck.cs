using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Defer;

/// <summary>R-DEF-1 (P-6, D6): a deferred packet is presented again, at PASSIVE_LEVEL.</summary>
internal sealed class DeferRepresentsAtPassiveCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DEF-1";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.DeferToPassive;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var d in c.Of<PacketDeferred>().Where(d => d.Packet >= 0))
        {
            var again = c.Presentations.FirstOrDefault(p => p.Index > d.Index && p.Packet == d.Packet);
            if (again is null)
            {
                if (c.LivenessJudgeable) return CheckOutcome.Missing($"packet {d.Packet} was deferred and never presented again", d.Index);
                continue;
            }
            exercised = true;
            if (again.Irql != Irql.Passive) return CheckOutcome.Fail($"deferred packet {d.Packet} came back at {again.Irql}", again.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

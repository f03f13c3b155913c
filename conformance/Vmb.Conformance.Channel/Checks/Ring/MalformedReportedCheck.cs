using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Ring;

/// <summary>R-MAL-9 (D10): a malformed packet stops intake and the reason is reported.</summary>
internal sealed class MalformedReportedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-9";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var bad = c.Of<PacketWritten>().FirstOrDefault(e => c.Packets[e.Packet].Kind == PacketKind.Malformed);
        if (bad is null || !c.Finished || c.Of<PacketFailed>().Any() || c.Scenario.Steps.Any(s => s is PeerCloseStep) || c.Scenario.Options.OpenedFails) return CheckOutcome.NotExercised;
        if (c.Of<IntakeStopped>().Any(e => e.Index < bad.Index)) return CheckOutcome.NotExercised;
        var stop = c.Of<IntakeStopped>().FirstOrDefault(e => e.Index > bad.Index && e.Reason == IntakeStopReason.MalformedRing);
        if (stop is null) return CheckOutcome.Missing($"malformed packet {bad.Packet} ({c.Packets[bad.Packet].Malformation}) was not reported as stopping intake", bad.Index);
        var after = c.Presentations.FirstOrDefault(p => p.Index > stop.Index);
        if (after is not null) return CheckOutcome.Fail("a packet was presented after intake stopped on malformed input", after.Index);
        return CheckOutcome.Pass;
    }
}

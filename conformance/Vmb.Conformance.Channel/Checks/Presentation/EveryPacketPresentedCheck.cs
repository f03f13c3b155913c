using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-1 (P-16): with a running channel and a client that answers, every well-formed data packet written is presented.</summary>
internal sealed class EveryPacketPresentedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-1";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.LivenessJudgeable) return CheckOutcome.NotExercised;
        var presented = c.Presentations.Select(p => p.Packet).ToHashSet();
        var exercised = false;
        foreach (var w in c.Of<PacketWritten>())
        {
            if (!c.Packets[w.Packet].IsPresentable) continue;
            exercised = true;
            if (!presented.Contains(w.Packet)) return CheckOutcome.Missing($"packet {w.Packet} was written but never presented", w.Index);
        }
        if (c.Of<IncomingRingFull>().FirstOrDefault() is { } stuck && c.Of<PacketWritten>().All(w => w.Packet != stuck.Packet))
            return CheckOutcome.Missing($"packet {stuck.Packet} never found room on the incoming ring: the channel stopped consuming", stuck.Index);
        return CheckOutcome.PassIf(exercised);
    }
}

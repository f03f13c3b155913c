using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-21 (MAY): a channel registered without a processing-complete callback works normally.</summary>
internal sealed class NoProcessingCompleteCallbackCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-21";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Scenario.Options.ProcessingCompleteCallback || !c.LivenessJudgeable) return CheckOutcome.NotExercised;
        var presented = c.Presentations.Select(p => p.Packet).ToHashSet();
        foreach (var w in c.Of<PacketWritten>().Where(w => c.Packets[w.Packet].IsPresentable))
            if (!presented.Contains(w.Packet)) return CheckOutcome.Missing($"without a processing-complete callback packet {w.Packet} was never presented", w.Index);
        return CheckOutcome.Pass;
    }
}

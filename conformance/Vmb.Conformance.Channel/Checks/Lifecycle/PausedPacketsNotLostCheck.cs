using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-PAUSE-8 (P-9): packets that arrive while paused wait and are presented after Start.</summary>
internal sealed class PausedPacketsNotLostCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PAUSE-8";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.PauseStart;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.LivenessJudgeable) return CheckOutcome.NotExercised;
        var paused = false;
        var exercised = false;
        var presented = c.Presentations.Select(p => p.Packet).ToHashSet();
        foreach (var e in c.Events)
        {
            if (e is ControlCalled { Call: Subject.Pause }) paused = true;
            if (e is ControlCalled { Call: Subject.Start }) paused = false;
            if (e is not PacketWritten w || !paused || !c.Packets[w.Packet].IsPresentable) continue;
            exercised = true;
            if (!presented.Contains(w.Packet)) return CheckOutcome.Missing($"packet {w.Packet}, written while paused, was never presented after Start", e.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

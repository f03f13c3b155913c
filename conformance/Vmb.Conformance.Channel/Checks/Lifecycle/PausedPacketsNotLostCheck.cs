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
            if (e.Kind == TraceKind.ControlCalled && e.Subject == Subject.Pause) paused = true;
            if (e.Kind == TraceKind.ControlCalled && e.Subject == Subject.Start) paused = false;
            if (e.Kind != TraceKind.PacketWritten || !paused || !c.Packets[e.Packet].IsPresentable) continue;
            exercised = true;
            if (!presented.Contains(e.Packet)) return CheckOutcome.Fail($"packet {e.Packet}, written while paused, was never presented after Start", e.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

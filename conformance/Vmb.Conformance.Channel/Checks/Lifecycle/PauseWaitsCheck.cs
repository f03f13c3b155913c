using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-PAUSE-3 (P-9): Pause completes only after Suspend and once no packet is outstanding.</summary>
internal sealed class PauseWaitsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PAUSE-3";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.PauseStart;

    /// <summary>Also every run that stalled on a Pause, misuse probes included: the scripted client answered, so the stall is the channel's (D24).</summary>
    public override bool Judges(CheckContext context) => base.Judges(context) || (AppliesTo(context.Info) && context.Run.StalledOn == Subject.Pause);

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Run.StalledOn == Subject.Pause) return CheckOutcome.Fail($"stalled: {c.Run.OutcomeDetail}");
        var exercised = false;
        foreach (var done in c.OfKind(TraceKind.ControlCompleted).Where(e => e.Subject == Subject.Pause && !e.Flag))
        {
            exercised = true;
            var state = c.Events.LastOrDefault(e => e.Index < done.Index && e.Kind == TraceKind.StateCallbackBegun && e.Subject is Subject.Started or Subject.Suspend);
            if (state?.Subject == Subject.Started)
                return CheckOutcome.Fail("Pause completed while the channel was started: no Suspend since the last Started", done.Index);
            var open = Outstanding.At(c, done.Index);
            if (open.Count > 0) return CheckOutcome.Fail($"Pause completed while packet(s) {string.Join(",", open)} were outstanding", done.Index);
        }
        if (c.Finished && c.OfKind(TraceKind.ControlCalled).Any(e => e.Subject == Subject.Pause) && !exercised && !c.IntakeMayStop)
            return CheckOutcome.Fail("Pause never completed", c.OfKind(TraceKind.ControlCalled).First(e => e.Subject == Subject.Pause).Index);
        return CheckOutcome.PassIf(exercised);
    }
}

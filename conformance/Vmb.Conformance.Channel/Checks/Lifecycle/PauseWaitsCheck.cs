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

    /// <summary>
    /// On real threads a Pause's completion is recorded when the harness notices it, which can be after a later Start:
    /// the order of Suspend, Started and the completion is judged on serial runs (E-32); a stall is judged on every run.
    /// </summary>
    public override bool SerialOnly => true;

    /// <summary>Also every run that stalled on a Pause, misuse probes included: the scripted client answered, so the stall is the channel's (D24).</summary>
    public override bool Judges(CheckContext context) => base.Judges(context) || (AppliesTo(context.Info) && context.Run.StalledOn == Subject.Pause);

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Run.StalledOn == Subject.Pause) return CheckOutcome.Fail($"stalled: {c.Run.OutcomeDetail}");
        var exercised = false;
        foreach (var done in c.Of<ControlCompleted>().Where(e => e.Call == Subject.Pause && !e.Faulted))
        {
            exercised = true;
            var state = c.Of<StateCallbackBegun>().LastOrDefault(e => e.Index < done.Index && e.Callback is Subject.Started or Subject.Suspend);
            if (state?.Callback == Subject.Started)
                return CheckOutcome.Fail("Pause completed while the channel was started: no Suspend since the last Started", done.Index);
            var open = Outstanding.At(c, done.Index);
            if (open.Count > 0) return CheckOutcome.Fail($"Pause completed while packet(s) {string.Join(",", open)} were outstanding", done.Index);
        }
        if (c.Finished && c.Of<ControlCalled>().Any(e => e.Call == Subject.Pause) && !exercised && !c.IntakeMayStop)
            return CheckOutcome.Missing("Pause never completed", c.Of<ControlCalled>().First(e => e.Call == Subject.Pause).Index);
        return CheckOutcome.PassIf(exercised);
    }
}

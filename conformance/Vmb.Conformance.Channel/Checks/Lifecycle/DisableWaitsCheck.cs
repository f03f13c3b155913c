using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-16: Disable completes, and only once the channel is paused (nothing outstanding) and closed.</summary>
internal sealed class DisableWaitsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-16";

    /// <summary>Also every run that stalled on Disable, misuse probes included: the scripted client answered, so the stall is the channel's (D24).</summary>
    public override bool Judges(CheckContext context) => base.Judges(context) || (AppliesTo(context.Info) && context.Run.StalledOn == Subject.Disable);

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Run.StalledOn == Subject.Disable) return CheckOutcome.Fail($"stalled: {c.Run.OutcomeDetail}");
        var call = c.Of<ControlCalled>().FirstOrDefault(e => e.Call == Subject.Disable);
        if (call is null || c.Scenario.Options.OpenedFails) return CheckOutcome.NotExercised;
        var done = c.Of<ControlCompleted>().FirstOrDefault(e => e.Call == Subject.Disable);
        if (done is null) return c.Finished ? CheckOutcome.Missing("Disable never completed", call.Index) : CheckOutcome.NotExercised;
        var open = Outstanding.At(c, done.Index);
        if (open.Count > 0) return CheckOutcome.Fail($"Disable completed while packet(s) {string.Join(",", open)} were outstanding", done.Index);
        if (!c.Events.Any(e => e.Index < done.Index && e is StateCallbackBegun { Callback: Subject.Closed }))
            return CheckOutcome.Fail("Disable completed before Closed was delivered", done.Index);
        return CheckOutcome.Pass;
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-PAUSE-7: Start on a paused channel gives Started, then intake, then PostStarted.</summary>
internal sealed class StartSequenceCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PAUSE-7";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.PauseStart;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var start in c.Of<ControlCalled>().Where(e => e.Call == Subject.Start))
        {
            var pauseDone = c.Events.Any(e => e.Index < start.Index && e is StateCallbackBegun { Callback: Subject.Suspend });
            if (!pauseDone || c.IntakeMayStop) continue;
            exercised = true;
            var after = c.Events.Skip(start.Index + 1).ToList();
            var started = after.FindIndex(e => e is StateCallbackBegun { Callback: Subject.Started });
            if (started < 0) return CheckOutcome.Fail("Start on a paused channel delivered no Started", start.Index);
            var firstPresentation = after.FindIndex(e => e is PresentationBegun);
            if (firstPresentation >= 0 && firstPresentation < started) return CheckOutcome.Fail("a packet was presented after Start but before Started", after[firstPresentation].Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

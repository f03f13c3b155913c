using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-PAUSE-4: Pause on a disabled channel makes it come up paused: no packet is presented before Start.</summary>
internal sealed class PausedBeforeEnableCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PAUSE-4";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.PauseStart;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.Scenario.Options.PauseBeforeEnable) return CheckOutcome.NotExercised;
        var start = c.Of<ControlCalled>().FirstOrDefault(e => e.Call == Subject.Start);
        var early = c.Presentations.FirstOrDefault(p => start is null || p.Index < start.Index);
        if (early is not null) return CheckOutcome.Fail($"packet {early.Packet} was presented although Pause was called before Enable and Start had not been called", early.Index);
        return CheckOutcome.PassIf(c.Of<PacketWritten>().Any(w => start is null || w.Index < start.Index));
    }
}

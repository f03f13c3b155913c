using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-PAS-1 (P-7): with passive processing every ProcessPacket and processing-complete runs at PASSIVE_LEVEL.</summary>
internal sealed class PassiveModeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PAS-1";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.PassiveProcessing;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.PassiveMode) return CheckOutcome.NotExercised;
        var calls = c.Events.Where(e => e is PresentationBegun or ProcessingCompleteCalled).ToList();
        foreach (var e in calls)
            if (e.Irql != Irql.Passive) return CheckOutcome.Fail($"{e.GetType().Name} at {e.Irql} although passive processing was requested", e.Index);
        return CheckOutcome.PassIf(calls.Count > 0);
    }
}

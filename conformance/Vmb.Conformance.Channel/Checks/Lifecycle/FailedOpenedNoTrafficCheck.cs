using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-5: when Opened returns a failure, the channel rolls back: no Started, no packet presented.</summary>
internal sealed class FailedOpenedNoTrafficCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-5";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.Scenario.Options.OpenedFails || !c.Of<StateCallbackBegun>().Any(e => e.Callback == Subject.Opened)) return CheckOutcome.NotExercised;
        if (c.Of<StateCallbackBegun>().FirstOrDefault(e => e.Callback == Subject.Started) is { } started)
            return CheckOutcome.Fail("Started was delivered although Opened failed", started.Index);
        if (c.Presentations.FirstOrDefault() is { } p) return CheckOutcome.Fail($"packet {p.Packet} was presented although Opened failed", p.Index);
        if (c.OutgoingPackets.FirstOrDefault() is { } o) return CheckOutcome.Fail("a packet was sent although Opened failed", o.Index);
        return CheckOutcome.Pass;
    }
}

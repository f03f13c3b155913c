using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-3: the Channel argument is the channel the packet came in on (legacy registration; the Ex form is R-CTX-1).</summary>
internal sealed class ChannelArgumentCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-3";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Scenario.Options.ExCallbacks) return CheckOutcome.NotExercised;
        foreach (var e in c.Events.OfType<ICallbackArguments>())
            if (!e.SameChannel || !e.RegisteredContext) return CheckOutcome.Fail("a callback received a channel handle other than the channel's", e.Index);
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

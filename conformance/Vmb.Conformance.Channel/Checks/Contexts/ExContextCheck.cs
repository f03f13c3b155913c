using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Contexts;

/// <summary>R-CTX-1 (P-14): with the Ex registration every callback receives the registered context (and the channel).</summary>
internal sealed class ExContextCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CTX-1";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExCallbacks;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.Scenario.Options.ExCallbacks) return CheckOutcome.NotExercised;
        var calls = c.Events.OfType<ICallbackArguments>().ToList();
        foreach (var e in calls)
            if (!e.RegisteredContext)
                return CheckOutcome.Fail($"{e.GetType().Name} received a context other than the registered one", e.Index);
        return CheckOutcome.PassIf(calls.Count > 0);
    }
}

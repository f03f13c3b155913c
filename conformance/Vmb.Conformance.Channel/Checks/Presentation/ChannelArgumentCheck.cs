using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-3: the Channel argument of every packet callback, legacy or Ex, is the channel the packet came in on.</summary>
internal sealed class ChannelArgumentCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-3";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var e in c.Events.OfType<ICallbackArguments>())
            if (!e.SameChannel) return CheckOutcome.Fail("a callback received a channel handle other than the channel's", e.Index);
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Contexts;

/// <summary>R-CTX-4 (P-14): each outstanding packet has its own scratch area, stable from presentation to answer.</summary>
internal sealed class ClientContextStableCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CTX-4";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ClientContext;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (c.Scenario.Options.ClientContextSize < 4) return CheckOutcome.NotExercised;
        var checks = c.Of<ClientContextChecked>().ToList();
        foreach (var e in checks)
            if (!e.Intact) return CheckOutcome.Fail($"packet {e.Packet}: its client context changed between presentation and answer (shared with another packet?)", e.Index);
        return CheckOutcome.PassIf(checks.Count > 0);
    }
}

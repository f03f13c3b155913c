using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Contexts;

/// <summary>R-CTX-3 (P-14): every packet carries a client context of the configured size.</summary>
internal sealed class ClientContextSizeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CTX-3";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ClientContext;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var size = c.Scenario.Options.ClientContextSize;
        if (size == 0) return CheckOutcome.NotExercised;
        var checks = c.Of<ClientContextChecked>().ToList();
        foreach (var e in checks)
            if (e.ContextLength != size) return CheckOutcome.Fail($"packet {e.Packet}: client context of {e.ContextLength} B, {size} B configured", e.Index);
        var threw = c.Of<CallThrew>().FirstOrDefault(e => e.Call == Subject.GetClientContext);
        if (threw is not null) return CheckOutcome.Fail($"GetClientContext threw: {threw.Message}", threw.Index);
        return CheckOutcome.PassIf(checks.Count > 0);
    }
}

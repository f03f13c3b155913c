using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Contexts;

/// <summary>R-CTX-2 (P-19): legacy and Ex registrations exclude each other; the later one replaces the earlier.</summary>
internal sealed class LastRegistrationWinsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CTX-2";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExCallbacks;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.Scenario.Options.ProbeRegistration) return CheckOutcome.NotExercised;
        if (c.Of<SupersededCallbackCalled>().FirstOrDefault() is { } old)
            return CheckOutcome.Fail($"the replaced registration's {old.Callback} was called", old.Index);
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-19 (P-7): every state-change callback runs at PASSIVE_LEVEL.</summary>
internal sealed class StateCallbacksPassiveCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-19";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var calls = c.Of<StateCallbackBegun>().ToList();
        foreach (var e in calls)
            if (e.Irql != Irql.Passive) return CheckOutcome.Fail($"{e.Callback} ran at {e.Irql}", e.Index);
        return CheckOutcome.PassIf(calls.Count > 0);
    }
}

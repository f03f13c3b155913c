using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-18 (P-8): Started and Suspend strictly alternate, beginning with Started.</summary>
internal sealed class StartedSuspendAlternateCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-18";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var expectStarted = true;
        var exercised = false;
        foreach (var e in c.Of<StateCallbackBegun>())
        {
            if (e.Callback is not (Subject.Started or Subject.Suspend)) continue;
            exercised = true;
            if ((e.Callback == Subject.Started) != expectStarted) return CheckOutcome.Fail($"{e.Callback} where {(expectStarted ? "Started" : "Suspend")} was due", e.Index);
            expectStarted = !expectStarted;
        }
        return CheckOutcome.PassIf(exercised);
    }
}

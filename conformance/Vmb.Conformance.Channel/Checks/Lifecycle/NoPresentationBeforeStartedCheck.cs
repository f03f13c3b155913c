using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-8 (P-8): no ProcessPacket before Started has returned.</summary>
internal sealed class NoPresentationBeforeStartedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-8";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var started = c.Events.FirstOrDefault(e => e is StateCallbackEnded { Callback: Subject.Started });
        var first = c.Presentations.FirstOrDefault();
        if (first is null) return CheckOutcome.NotExercised;
        if (started is null || first.Index < started.Index) return CheckOutcome.Fail("ProcessPacket ran before Started returned", first.Index);
        return CheckOutcome.Pass;
    }
}

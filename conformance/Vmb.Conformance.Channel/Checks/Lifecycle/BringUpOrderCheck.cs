using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-7 (P-8): bring-up is Opened → Started → intake → PostStarted.</summary>
internal sealed class BringUpOrderCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-7";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var order = c.Of<StateCallbackBegun>().Select(e => e).ToList();
        var opened = order.FindIndex(e => e.Callback == Subject.Opened);
        var started = order.FindIndex(e => e.Callback == Subject.Started);
        var post = order.FindIndex(e => e.Callback == Subject.PostStarted);
        if (started < 0) return c.Presentations.Count > 0 ? CheckOutcome.Fail("packets were presented but Started never ran", c.Presentations[0].Index) : CheckOutcome.NotExercised;
        if (opened < 0 || opened > started) return CheckOutcome.Fail("Started ran before Opened", order[started].Index);
        if (post >= 0 && post < started) return CheckOutcome.Fail("PostStarted ran before Started", order[post].Index);
        return CheckOutcome.Pass;
    }
}

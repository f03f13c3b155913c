using Vmb.Conformance.Engine;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>
/// R-LIFE-23 (D24): the channel's queued work never drained, so the run could not settle. The stall fails this rule
/// alone; every other check still judges the trace before it.
/// </summary>
internal sealed class QueuedWorkEndsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-23";

    /// <summary>Every run, misuse probes included: work that never ends is a stall whatever the client did.</summary>
    public override bool Judges(CheckContext context) => AppliesTo(context.Info);

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext context)
    {
        if (!context.Run.NeverIdle) return CheckOutcome.Pass;
        var aborted = context.Of<RunAborted>().FirstOrDefault();
        return CheckOutcome.Fail($"the channel's queued work never drained: {context.Run.OutcomeDetail}", aborted?.Index);
    }
}

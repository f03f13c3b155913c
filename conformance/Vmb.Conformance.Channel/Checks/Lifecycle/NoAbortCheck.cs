using Vmb.Conformance.Engine;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>
/// R-LIFE-22 (D24): a call into the channel, or work it queued, threw outside the contract, or — out of process — never
/// returned within the step limit. The crash or hang fails this rule alone, at the step it happened; every other check
/// still judges the trace before it.
/// </summary>
internal sealed class NoAbortCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-22";

    /// <summary>Every run, misuse probes included: a crash is a crash whatever the client did.</summary>
    public override bool Judges(CheckContext context) => AppliesTo(context.Info);

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext context)
    {
        var hung = context.Run is { Outcome: RunOutcome.Timeout, CallNeverReturned: true };
        if (context.Run.Outcome != RunOutcome.Crash && !hung) return CheckOutcome.Pass;
        var aborted = context.Of<RunAborted>().FirstOrDefault();
        var step = aborted is null || aborted.Step < 0 ? "bring-up" : aborted.Step >= context.Scenario.Steps.Length ? "the final phase" : $"step {aborted.Step}";
        var what = hung ? "a call into the implementation never returned" : "the implementation crashed";
        return CheckOutcome.Fail($"{what} during {step}: {context.Run.OutcomeDetail}", aborted?.Index);
    }
}

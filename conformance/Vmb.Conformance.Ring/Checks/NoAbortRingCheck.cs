using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-RING-15 (D24): a ring operation threw something other than a ring format error, or attaching failed where it
/// should not, or an out-of-process implementation stopped answering or exited. The crash fails this rule alone, at the
/// operation that threw.
/// </summary>
internal sealed class NoAbortRingCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-15";

    /// <summary>Every run, whatever its role and attach variant.</summary>
    public override bool Judges(RingRun run) => true;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        if (run.Lost is { Outcome: RunOutcome.Timeout or RunOutcome.Crash } lost)
            return CheckOutcome.Fail($"{(lost.Outcome == RunOutcome.Timeout ? "no answer" : "the implementation ended")}: {lost.Detail}", Math.Max(0, lost.Step));
        if (run.AttachError is { } attach && !(run.AttachRefusedAsCorrupt && run.Scenario.Attach == RingAttach.CorruptIndex))
            return CheckOutcome.Fail($"attaching the {run.Scenario.Role.ToString().ToLowerInvariant()} threw: {attach}");
        return run.Steps.FirstOrDefault(s => s.Outcome == StepOutcome.Threw) is { } step
            ? CheckOutcome.Fail($"operation {step.Index} ({step.Op.Kind}) threw: {step.Exception}", step.Index)
            : CheckOutcome.Pass;
    }
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-RING-11 (INV-COMMIT), for a side that declares staged publication (D25): staged work is invisible until Commit,
/// Commit publishes exactly what was staged (nothing when nothing was), and Revert, where declared, drops staged work.
/// </summary>
internal sealed class PublishOnlyOnCommitCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-11";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.StagedPublication;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run) =>
        run.Scenario.Role == RingRole.Writer ? Writer(run) : Reader(run);

    private static CheckOutcome Writer(RingRun run)
    {
        var exercised = false;
        foreach (var f in RingModel.Writer(run).Where(f => f.Step.ByImplementation && f.Step.Outcome != StepOutcome.Threw && !f.Overrun))
        {
            var w = f.Step.Field(ControlPage.WriteIndexOffset);
            var expected = f.Step.Op.Kind == RingOpKind.Commit ? f.StagedBefore : f.PublishedBefore;
            exercised |= f.StagedAny && (f.Step.Op.Kind == RingOpKind.Commit || f.Step.Outcome == StepOutcome.Reverted);
            if (w != expected)
                return CheckOutcome.Fail($"write_index = {w} after {f.Step.Op}; staged work should make it {expected}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }

    private static CheckOutcome Reader(RingRun run)
    {
        var exercised = false;
        foreach (var f in RingModel.Reader(run).Where(f => f.Step.ByImplementation && f.Step.Outcome != StepOutcome.Threw && !f.AfterClobber && !f.Poisoned))
        {
            var r = f.Step.Field(ControlPage.ReadIndexOffset);
            var expected = f.Step.Op.Kind == RingOpKind.Commit ? f.Position : f.Committed;
            exercised |= f.Position != f.Committed && (f.Step.Op.Kind == RingOpKind.Commit || f.Step.Outcome == StepOutcome.Reverted);
            if (r != expected)
                return CheckOutcome.Fail($"read_index = {r} after {f.Step.Op}; staged consumption should make it {expected}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

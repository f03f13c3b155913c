using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-MAL-15: a writer validates the read_index it loads before computing free space: with a corrupt R it reports a
/// ring format error and writes nothing — no packet staged, no data byte changed.
/// </summary>
internal sealed class LoadedReadIndexValidatedCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-15";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        foreach (var f in RingModel.Writer(run).Where(f => f.Step.Op.Kind == RingOpKind.Write && f.FreeBefore < 0 && f.Step.Outcome != StepOutcome.Threw))
        {
            exercised = true;
            if (f.Step.Outcome != StepOutcome.RingFormatError)
                return CheckOutcome.Fail($"with a corrupt read_index the write returned {f.Step.Outcome}, not a ring format error", f.Step.Index);
            if (f.Step.Index > 0 && !run.Steps[f.Step.Index - 1].Data.AsSpan().SequenceEqual(f.Step.Data))
                return CheckOutcome.Fail("the refused write changed the data area", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

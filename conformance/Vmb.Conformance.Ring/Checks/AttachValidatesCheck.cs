using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-RING-13: a writer attaching to a ring in use validates the indices it takes over: a corrupt read_index makes CreateWriter throw a ring format error.</summary>
internal sealed class AttachValidatesCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-13";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override bool Judges(RingRun run) => run.Scenario.Role == RingRole.Writer && run.Scenario.Attach == RingAttach.CorruptIndex;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run) => AttachRefusal.Judge(run, "writer");
}

/// <summary>Judges a run whose ring was corrupt at attach time.</summary>
internal static class AttachRefusal
{
    public static CheckOutcome Judge(RingRun run, string side) =>
        run.Scenario.Attach != RingAttach.CorruptIndex ? CheckOutcome.NotExercised
        : run.AttachRefusedAsCorrupt ? CheckOutcome.Pass
        : CheckOutcome.Fail(run.AttachError is { } other
            ? $"attaching the {side} to a ring with a corrupt read_index failed with {other}, not a ring format error"
            : $"the {side} attached to a ring whose read_index is {ControlPage.Read(run.InitialControl, ControlPage.ReadIndexOffset)} (S = {run.Scenario.DataSize})");
}

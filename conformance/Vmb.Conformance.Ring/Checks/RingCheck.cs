using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// One ring-level check: judges one catalog requirement on a ring run. The model of what should happen lives in
/// the checks (<see cref="RingModel"/>), never in the driver.
/// </summary>
internal abstract class RingCheck : ICheck<RingRun>
{
    /// <summary>The catalog requirement judged.</summary>
    public abstract string RequirementId { get; }

    /// <inheritdoc />
    public bool IsInformational => false;

    /// <summary>The role the rule speaks about; null for both.</summary>
    public virtual RingRole? Role => null;

    /// <summary>True when this check judges runs of <paramref name="run"/>'s role.</summary>
    public virtual bool Judges(RingRun run) => run.AttachError is null && run.Scenario.Attach != RingAttach.CorruptIndex && (Role is null || Role == run.Scenario.Role);

    /// <summary>Pass, fail (with the step index) or not exercised.</summary>
    public abstract CheckOutcome Evaluate(RingRun run);

    /// <inheritdoc />
    public override string ToString() => $"{RequirementId} ({GetType().Name})";
}

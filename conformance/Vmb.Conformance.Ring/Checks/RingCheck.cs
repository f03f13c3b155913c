using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

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

    /// <summary>
    /// The ring capabilities the rule needs (D25), as its catalog entry's <c>depends</c> says (a test keeps the two
    /// equal): a run whose side does not declare them is not judged, and a rule no side declares them for is
    /// not-applicable.
    /// </summary>
    public virtual RingCapabilities Needs => RingCapabilities.None;

    /// <summary>
    /// True when this check judges runs of <paramref name="run"/>'s role, with the capabilities it needs declared; never a
    /// run whose out-of-process implementation was lost before it attached (there is no trace to judge), and never an
    /// adversarial probe (D15), whose switched packets only the checks of the rules the mutator makes observable model.
    /// </summary>
    public virtual bool Judges(RingRun run) => AttachedOfRole(run) && run.Scenario.Mutator is null;

    /// <summary>The run attached normally, is of the rule's role and its side declares what the rule needs.</summary>
    protected bool AttachedOfRole(RingRun run) =>
        run.AttachError is null && run.Lost is not { Step: < 0 } && run.Scenario.Attach != RingAttach.CorruptIndex && (Role is null || Role == run.Scenario.Role) && run.Declared.HasFlag(Needs);

    /// <summary>Pass, fail (with the step index) or not exercised.</summary>
    public abstract CheckOutcome Evaluate(RingRun run);

    /// <inheritdoc />
    public override string ToString() => $"{RequirementId} ({GetType().Name})";
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks;

/// <summary>
/// One catalog requirement as a predicate over a run's trace. The model of what should happen lives here,
/// never in the implementation. Checks are stateless: one instance judges every run.
/// </summary>
internal abstract class RequirementCheck : ICheck<CheckContext>
{
    /// <summary>The catalog ID this check judges.</summary>
    public abstract string RequirementId { get; }

    /// <summary>Capabilities the rule presumes; when one is not declared the verdict is not applicable (D13).</summary>
    public virtual ChannelCapabilities Needs => ChannelCapabilities.None;

    /// <summary>The only framing profile the rule speaks about, if any.</summary>
    public virtual FramingProfile? Profile => null;

    /// <summary>True for misuse-detection rules: they judge only runs that contain a misuse probe.</summary>
    public virtual bool JudgesMisuseProbes => false;

    /// <summary>True when the implementation can be judged by this check.</summary>
    public bool AppliesTo(ImplementationInfo info) => info.Has(Needs) && (Profile is null || Profile == info.Profile);

    /// <inheritdoc />
    public virtual bool IsInformational => false;

    /// <summary>
    /// True for rules whose model needs the trace's order to be the order things took effect: on real threads an event is
    /// recorded just before the call that makes it happen, so another thread's events can land in between. Such rules
    /// are judged on serial runs only; the concurrency slice judges completions, answers and loss.
    /// </summary>
    public virtual bool SerialOnly => false;

    /// <summary>
    /// True when this check judges <paramref name="context"/>'s run at all: it applies, misuse runs feed only misuse checks,
    /// and runs on real threads feed only checks that are not <see cref="SerialOnly"/>.
    /// </summary>
    public virtual bool Judges(CheckContext context) =>
        AppliesTo(context.Info) && JudgesMisuseProbes == context.Scenario.HasMisuseProbe && !(SerialOnly && context.Scenario.Threaded);

    /// <summary>Judges one run.</summary>
    public abstract CheckOutcome Evaluate(CheckContext context);

    /// <inheritdoc />
    public override string ToString() => $"{RequirementId} ({GetType().Name})";
}

/// <summary>A check for an INFO rule: it records what the implementation does, never passes or fails it.</summary>
internal abstract class InformationalCheck : RequirementCheck
{
    /// <inheritdoc />
    public sealed override bool IsInformational => true;

    /// <summary>A short description of the behaviour seen in this run, or null when the run says nothing about it.</summary>
    public abstract string? Observe(CheckContext context);

    /// <inheritdoc />
    public sealed override CheckOutcome Evaluate(CheckContext context) =>
        Observe(context) is { } seen ? new CheckOutcome(CheckStatus.Pass, seen) : CheckOutcome.NotExercised;
}

using Vmb.Spec.Spi;

namespace Vmb.Spec.Catalog;

/// <summary>
/// One rule of the contract as the catalog file states it (spec/requirements.json). The statement is the only
/// place the rule's prose lives; code and docs refer to <see cref="Id"/>.
/// </summary>
/// <param name="Id">Stable ID such as R-PP-5; never renumbered.</param>
/// <param name="Level">How binding the rule is.</param>
/// <param name="Model">True for "MUST (model)": adopted for the reference model although the public text does not say it outright.</param>
/// <param name="Area">The ID's group.</param>
/// <param name="Party">Whose duty it is; client rules are documentation, not verdicts (D12).</param>
/// <param name="Reference">Where the reference implementation realises the rule; null until filled in.</param>
/// <param name="Statement">The rule in one or two sentences of our own.</param>
/// <param name="Evidence">How sure we are (at least one tag).</param>
/// <param name="Source">Where the rule comes from, e.g. "kmcl-contract R-PP; S2 L901".</param>
/// <param name="RequiredCapabilities">Capabilities an implementation must declare for the rule to apply (D13).</param>
/// <param name="RequiredProfile">The framing profile the rule is about, or null when it holds in both.</param>
/// <param name="Verification">How the rule is established.</param>
/// <param name="Reason">Why it is not checked, or (verification check without a check yet) why it is untested; null exactly when a check judges the rule.</param>
/// <param name="Checks">
/// The engine checks that judge the rule, by level (<see cref="CheckLevels"/>) to CLR class name; empty until one
/// exists (verdict untested). A rule judged at both the channel and the ring level has both.
/// </param>
/// <param name="MergedInto">ID of the rule that now carries this one, if it was merged.</param>
/// <param name="Decisions">IDs of the decisions (D1…) that shaped the rule; empty when none.</param>
/// <param name="Presumes">
/// The rules this rule's check presumes to hold, each with its reason; empty when it presumes nothing. They only
/// settle ties: when this rule and a presumed one fail at the same trace position, this one is the consequence (D23).
/// </param>
public sealed record Requirement(
    string Id,
    RequirementLevel Level,
    bool Model,
    RequirementArea Area,
    Party Party,
    string? Reference,
    string Statement,
    Evidence Evidence,
    string Source,
    ChannelCapabilities RequiredCapabilities,
    FramingProfile? RequiredProfile,
    Verification Verification,
    string? Reason,
    IReadOnlyDictionary<string, string> Checks,
    string? MergedInto,
    IReadOnlyList<string> Decisions,
    IReadOnlyList<Presumption> Presumes)
{
    /// <summary>True when a failure of this rule makes an implementation non-conformant (D14).</summary>
    public bool CountsForConformance => Level.CountsForConformance() && Party != Party.Client && MergedInto is null;

    /// <summary>The level as printed in reports: "MUST (model)" for model rules, else the catalog spelling.</summary>
    public string LevelLabel => Model ? $"{Level.Format()} (model)" : Level.Format();

    /// <summary>The class name of the check that judges this rule at <paramref name="level"/>, or null when that level does not judge it.</summary>
    public string? CheckAt(string level) => Checks.TryGetValue(level, out var name) ? name : null;

    /// <summary>True when a check of <paramref name="level"/> (<see cref="CheckLevels"/>) judges this rule.</summary>
    public bool IsJudgedAt(string level) => Checks.ContainsKey(level);

    /// <summary>True when this rule has a <c>presumes</c> edge to <paramref name="ruleId"/> itself; edges are not followed further.</summary>
    public bool PresumesRule(string ruleId) => Presumes.Any(p => string.Equals(p.RuleId, ruleId, StringComparison.Ordinal));

    /// <summary>
    /// Ring capabilities the rule needs (D25), from the same <c>depends</c> list; None for most rules. A ring rule
    /// applies when the writer or the reader declares all of them (<see cref="AppliesToRing"/>).
    /// </summary>
    public RingCapabilities RequiredRingCapabilities { get; init; }

    /// <summary>True when the ring implementation's writer or reader declares every ring capability this rule needs.</summary>
    public bool AppliesToRing(RingCapabilities writer, RingCapabilities reader) =>
        writer.HasFlag(RequiredRingCapabilities) || reader.HasFlag(RequiredRingCapabilities);

    /// <summary>True when an implementation with <paramref name="info"/> is judged on this rule (capabilities and profile match).</summary>
    public bool AppliesTo(ImplementationInfo info) =>
        info.Has(RequiredCapabilities) && (RequiredProfile is null || RequiredProfile == info.Profile);
}

namespace Vmb.Conformance.Engine;

/// <summary>What one check concluded about one run.</summary>
public enum CheckStatus
{
    /// <summary>The run never reached a situation the rule speaks about.</summary>
    NotExercised,

    /// <summary>The rule held.</summary>
    Pass,

    /// <summary>The rule was broken.</summary>
    Fail,
}

/// <summary>A check's conclusion on one run; a failure names the offending trace event.</summary>
/// <param name="Status">Pass, fail or not exercised.</param>
/// <param name="Message">What was wrong (failures) or observed (informational rules).</param>
/// <param name="EventIndex">Index of the offending trace event.</param>
public readonly record struct CheckOutcome(CheckStatus Status, string? Message = null, int? EventIndex = null)
{
    /// <summary>The rule held.</summary>
    public static readonly CheckOutcome Pass = new(CheckStatus.Pass);

    /// <summary>Nothing to judge.</summary>
    public static readonly CheckOutcome NotExercised = new(CheckStatus.NotExercised);

    /// <summary>The rule broke at <paramref name="eventIndex"/>.</summary>
    public static CheckOutcome Fail(string message, int? eventIndex = null) => new(CheckStatus.Fail, message, eventIndex);

    /// <summary>
    /// Where the failure shows (D23): the offending event, or the end of the run for checks of absence, counts and
    /// liveness, which report no event. Earlier positions are causes; later ones may be consequences.
    /// </summary>
    public int Position => EventIndex ?? int.MaxValue;

    /// <summary>Pass when <paramref name="exercised"/>, else not exercised.</summary>
    public static CheckOutcome PassIf(bool exercised) => exercised ? Pass : NotExercised;
}

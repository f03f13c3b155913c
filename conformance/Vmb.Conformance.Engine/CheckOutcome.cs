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
/// <param name="EventIndex">Index of the offending trace event, or of the event a missing one was owed after.</param>
/// <param name="Absence">The failure is something that never happened, so it shows only at the end of the run.</param>
public readonly record struct CheckOutcome(CheckStatus Status, string? Message = null, int? EventIndex = null, bool Absence = false)
{
    /// <summary>The rule held.</summary>
    public static readonly CheckOutcome Pass = new(CheckStatus.Pass);

    /// <summary>Nothing to judge.</summary>
    public static readonly CheckOutcome NotExercised = new(CheckStatus.NotExercised);

    /// <summary>The rule broke at <paramref name="eventIndex"/>.</summary>
    public static CheckOutcome Fail(string message, int? eventIndex = null) => new(CheckStatus.Fail, message, eventIndex);

    /// <summary>
    /// The rule broke by something owed that never came by the end of the run; <paramref name="owedAfter"/> is the
    /// event that created the obligation, shown to the reader but not the failure's position.
    /// </summary>
    public static CheckOutcome Missing(string message, int? owedAfter = null) => new(CheckStatus.Fail, message, owedAfter, Absence: true);

    /// <summary>
    /// Where the failure shows (D23): the offending event, or the end of the run for checks of absence, counts and
    /// liveness. Earlier positions are causes; later ones may be consequences.
    /// </summary>
    public int Position => Absence ? int.MaxValue : EventIndex ?? int.MaxValue;

    /// <summary>Pass when <paramref name="exercised"/>, else not exercised.</summary>
    public static CheckOutcome PassIf(bool exercised) => exercised ? Pass : NotExercised;
}

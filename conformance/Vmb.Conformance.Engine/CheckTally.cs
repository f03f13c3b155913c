namespace Vmb.Conformance.Engine;

/// <summary>What one check saw over the whole run: counts, its first failure, and its first failure as a root (D23).</summary>
/// <typeparam name="TCheck">The kind of check.</typeparam>
/// <typeparam name="TRun">The kind of run record the check judges.</typeparam>
internal sealed class CheckTally<TCheck, TRun>(TCheck check, bool recordsObservations = false) where TRun : class
{
    public TCheck Check { get; } = check;
    public int Run { get; private set; }
    public int Exercised { get; private set; }
    public TRun? FirstFailure { get; private set; }
    public CheckOutcome FailureOutcome { get; private set; }

    /// <summary>The first run in which this rule failed with no other rule failing earlier: the rule is then a root (D23).</summary>
    public TRun? FirstRootFailure { get; private set; }

    /// <summary>What an informational check saw, by message, when the tally was made to record them.</summary>
    public Dictionary<string, int> Observations { get; } = new();

    /// <param name="run">The run judged.</param>
    /// <param name="outcome">The check's outcome on it.</param>
    /// <param name="counted">
    /// False for a run on real threads: what it exercises depends on the interleaving, so it is left out of the counts
    /// (which stay the same for the same seed) while a failure in it still counts.
    /// </param>
    public void Add(TRun run, CheckOutcome outcome, bool counted = true)
    {
        if (counted) Run++;
        if (outcome.Status == CheckStatus.NotExercised) return;
        if (counted) Exercised++;
        if (outcome.Status == CheckStatus.Fail && FirstFailure is null)
        {
            FirstFailure = run;
            FailureOutcome = outcome;
        }
        if (counted && recordsObservations && outcome.Message is { } seen) Observations[seen] = Observations.GetValueOrDefault(seen) + 1;
    }

    public void AddRoot(TRun run) => FirstRootFailure ??= run;

    /// <summary>
    /// Adds what <paramref name="later"/> saw on scenarios that come after every scenario this tally saw, as if this
    /// tally had judged them itself: counts add up and the first failures stay the earliest.
    /// </summary>
    public void Absorb(CheckTally<TCheck, TRun> later)
    {
        Run += later.Run;
        Exercised += later.Exercised;
        if (FirstFailure is null && later.FirstFailure is not null)
        {
            FirstFailure = later.FirstFailure;
            FailureOutcome = later.FailureOutcome;
        }
        FirstRootFailure ??= later.FirstRootFailure;
        foreach (var (seen, count) in later.Observations) Observations[seen] = Observations.GetValueOrDefault(seen) + count;
    }
}

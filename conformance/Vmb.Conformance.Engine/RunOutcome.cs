namespace Vmb.Conformance.Engine;

/// <summary>How one scenario run ended, whatever the level.</summary>
public enum RunOutcome
{
    /// <summary>Every step ran and the implementation was shut down.</summary>
    Completed,

    /// <summary>A watchdog ran out: the level's step budget, or the core's wall clock.</summary>
    Timeout,

    /// <summary>The implementation threw outside the contract.</summary>
    Crash,

    /// <summary>The harness itself failed.</summary>
    HarnessError,
}

/// <summary>How a run ended, as the core needs to know it.</summary>
/// <param name="Outcome">Completed, timeout, crash or harness error.</param>
/// <param name="Detail">Why, for anything but completed.</param>
/// <param name="BrokenRule">
/// The rule the ending itself breaks (D24): for a timeout on an obligation the level can name (a Pause or Disable that
/// never completed, queued work that never drained), the rule that requires the progress; for a crash, the level's
/// "returns normally" rule. That rule's check fails on the run and the core gives it the verdict timeout or crash;
/// every other check still judges the trace before the end.
/// </param>
public readonly record struct RunEnd(RunOutcome Outcome, string? Detail = null, string? BrokenRule = null)
{
    /// <summary>A run that finished.</summary>
    public static readonly RunEnd Completed = new(RunOutcome.Completed);

    /// <summary>The run ended in a way no rule accounts for (a harness error, an unnamed stall): it says nothing reliable about any rule.</summary>
    public bool IsProblem => Outcome != RunOutcome.Completed && BrokenRule is null;
}

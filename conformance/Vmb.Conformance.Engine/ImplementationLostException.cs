namespace Vmb.Conformance.Engine;

/// <summary>
/// Thrown by a transport to an implementation that lives elsewhere (an out-of-process testee) when the implementation
/// can no longer answer: it stopped answering within the step limit (<see cref="RunOutcome.Timeout"/>), it exited or
/// was killed (<see cref="RunOutcome.Crash"/>), or it broke the transport's protocol (<see cref="RunOutcome.HarnessError"/>).
/// A level's driver ends the scenario there and names the rule the ending breaks (D24); the transport starts a fresh
/// implementation for the next scenario.
/// </summary>
public sealed class ImplementationLostException : Exception
{
    /// <summary>The implementation was lost as <paramref name="outcome"/>; <paramref name="message"/> says how, for a person.</summary>
    public ImplementationLostException(RunOutcome outcome, string message) : base(message)
    {
        if (outcome == RunOutcome.Completed) throw new ArgumentOutOfRangeException(nameof(outcome), "a lost implementation did not complete");
        Outcome = outcome;
    }

    /// <summary>Timeout, crash or harness error (a protocol violation: the harness cannot tell what the implementation did).</summary>
    public RunOutcome Outcome { get; }
}

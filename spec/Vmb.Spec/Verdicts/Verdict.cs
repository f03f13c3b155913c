namespace Vmb.Spec.Verdicts;

/// <summary>The canonical verdicts (D13): one list, used by the engine, the reports and the docs.</summary>
public enum Verdict
{
    /// <summary>The check ran and the rule held on every scenario.</summary>
    Pass,

    /// <summary>The check found a counterexample (shrunk, with a replay line).</summary>
    Fail,

    /// <summary>The implementation declared it lacks the capability the rule needs; never counted as a pass.</summary>
    NotApplicable,

    /// <summary>An INFO rule: behaviour observed and recorded, no pass or fail.</summary>
    Informational,

    /// <summary>No check exists for the rule yet; counted and shown.</summary>
    Untested,

    /// <summary>A check exists, but no scenario of the run exercised it (D26): no evidence either way.</summary>
    NotExercised,

    /// <summary>A scenario did not finish within its watchdog budget.</summary>
    Timeout,

    /// <summary>The implementation threw or died outside the contract.</summary>
    Crash,

    /// <summary>The harness itself failed; says nothing about the implementation.</summary>
    HarnessError,

    /// <summary>Failed on some replays of the same scenario and passed on others.</summary>
    Flaky,
}

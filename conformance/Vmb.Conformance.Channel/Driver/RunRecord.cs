using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Driver;

/// <summary>What the generator managed to provoke in a run (generator coverage, counted per suite run).</summary>
public sealed record RunFacts
{
    /// <summary>A write or read crossed the end of a data area.</summary>
    public bool WrapAround { get; init; }

    /// <summary>The incoming ring refused a write (back-pressure).</summary>
    public bool IncomingRingFull { get; init; }

    /// <summary>The outgoing ring ran out of room for completions.</summary>
    public bool OutgoingRingFull { get; init; }

    /// <summary>A first presentation brought the outstanding count up to the quota.</summary>
    public bool QuotaReached { get; init; }

    /// <summary>Pause was called while packets were outstanding or waiting in the ring.</summary>
    public bool PauseWhilePending { get; init; }

    /// <summary>GetExternalData answered PENDING at least once.</summary>
    public bool ExternalDataPending { get; init; }
}

/// <summary>One scenario run: the trace, how it ended, and coverage facts.</summary>
/// <param name="Scenario">What was run.</param>
/// <param name="Implementation">Who ran it.</param>
/// <param name="Events">The trace.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="OutcomeDetail">Why, for anything but <see cref="RunOutcome.Completed"/>.</param>
/// <param name="Facts">Generator coverage facts.</param>
public sealed record RunRecord(Scenario Scenario, ImplementationInfo Implementation, IReadOnlyList<TraceEvent> Events, RunOutcome Outcome, string? OutcomeDetail, RunFacts Facts)
{
    /// <summary>The waiting control ("Pause", "Disable") that never completed, when that is why the run timed out.</summary>
    public Subject? StalledOn { get; init; }

    /// <summary>The run timed out because the channel's queued work never drained (R-LIFE-23).</summary>
    public bool NeverIdle { get; init; }

    /// <summary>A call into an out-of-process channel never returned within the step limit (R-LIFE-22, verdict timeout).</summary>
    public bool CallNeverReturned { get; init; }

    /// <summary>What an out-of-process implementation printed during this scenario, or null.</summary>
    public string? Diagnostics { get; init; }
}

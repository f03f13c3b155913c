using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Results;

/// <summary>A failing (or flaky) requirement's evidence: the smallest scenario found and how to replay it.</summary>
/// <param name="Headline">Requirement ID, level and catalog statement: the first thing a reader sees.</param>
/// <param name="ScenarioText">The shrunk scenario, printed for a person.</param>
/// <param name="ScenarioJson">The shrunk scenario as one-line JSON (what <see cref="ReplayCommand"/> replays).</param>
/// <param name="TraceExcerpt">The trace events around the violation, the offending one marked.</param>
/// <param name="Message">What the check saw, one or two lines.</param>
/// <param name="ReplayCommand">One line that reproduces the failure.</param>
/// <param name="PacketCount">Packets in the shrunk scenario.</param>
/// <param name="ShrinkSteps">Simplifications the shrinker accepted.</param>
/// <param name="ReplaysFailed">How many of the replays of the shrunk scenario failed (fail vs flaky).</param>
/// <param name="Replays">Replays made.</param>
public sealed record Counterexample(
    string Headline, string ScenarioText, string ScenarioJson, string TraceExcerpt, string Message, string ReplayCommand,
    int PacketCount, int ShrinkSteps, int ReplaysFailed, int Replays)
{
    /// <summary>The whole counterexample in reading order: requirement and statement, what broke, scenario, trace, replay line.</summary>
    public override string ToString() =>
        $"{Headline}{Environment.NewLine}{Message}{Environment.NewLine}{Environment.NewLine}" +
        $"Shrunk scenario ({PacketCount} packet(s), {ShrinkSteps} shrink step(s)):{Environment.NewLine}{ScenarioText}{Environment.NewLine}" +
        $"Trace:{Environment.NewLine}{TraceExcerpt}{Environment.NewLine}{Environment.NewLine}" +
        $"Replay ({ReplaysFailed}/{Replays} replays failed):{Environment.NewLine}{ReplayCommand}";
}

/// <summary>The verdict on one requirement for one implementation.</summary>
/// <param name="RequirementId">Catalog ID.</param>
/// <param name="Verdict">The canonical verdict (D13).</param>
/// <param name="ScenariosRun">Scenarios the check was evaluated on.</param>
/// <param name="ScenariosExercised">Scenarios that reached a situation the rule speaks about.</param>
/// <param name="Detail">Why this verdict: the missing capability, the untested reason, the observed behaviour of an INFO rule, the timeout.</param>
/// <param name="Counterexample">Present for Fail and Flaky.</param>
public sealed record RequirementResult(string RequirementId, Verdict Verdict, int ScenariosRun, int ScenariosExercised, string? Detail, Counterexample? Counterexample)
{
    /// <summary>
    /// For a failure that never came first in any scenario (D23): the rules failing at the earliest position of its
    /// counterexample, whose breakage it follows from. Empty for a root cause and for every other verdict.
    /// </summary>
    public IReadOnlyList<string> ConsequenceOf { get; init; } = [];

    /// <summary>True for a failure with a counterexample that is a root cause: it failed in some scenario with nothing failing earlier.</summary>
    public bool IsRoot => Counterexample is not null && ConsequenceOf.Count == 0;
}

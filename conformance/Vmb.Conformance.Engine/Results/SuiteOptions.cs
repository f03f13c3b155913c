using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Results;

/// <summary>How a suite run is configured; defaults keep the repository's test run within budget.</summary>
public sealed record SuiteOptions
{
    /// <summary>Environment variable that overrides <see cref="Scenarios"/> for deep runs.</summary>
    public const string ScenariosVariable = "VMB_CONFORMANCE_SCENARIOS";

    /// <summary>Scenarios generated per run (every check is evaluated on every scenario's trace).</summary>
    public int Scenarios { get; init; } = 2000;

    /// <summary>Seed of the run; scenario i is generated from a mix of Seed and i (D27), so one scenario can be regenerated alone.</summary>
    public ulong Seed { get; init; } = 0x5EED_0F_C0FFEEUL;

    /// <summary>Virtual-scheduler steps one scenario may take before it is a timeout.</summary>
    public int StepBudget { get; init; } = 200_000;

    /// <summary>
    /// Wall-clock time one scenario may take inside the implementation before the core abandons it as hung; the
    /// level's own budget (<see cref="StepBudget"/>) catches stalls on the deterministic scheduler long before.
    /// </summary>
    public TimeSpan WatchdogLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Replays of a shrunk counterexample used to tell fail from flaky.</summary>
    public int FlakyReplays { get; init; } = 5;

    /// <summary>
    /// Most wall-clock time the shrinker may spend on one failing requirement; timeouts make shrinking slow, so it is
    /// capped by time as well as by runs (<see cref="ShrinkBudget"/>). The counterexample is the smallest found by then.
    /// </summary>
    public TimeSpan ShrinkTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most implementation runs the shrinker may spend on one failing requirement.</summary>
    public int ShrinkBudget { get; init; } = 400;

    /// <summary>
    /// Which failing rules get their counterexample shrunk, by ID; null shrinks every one. A rule not shrunk keeps the
    /// first scenario it failed in, with the same verdict and root; proofs that read one rule's counterexample use it
    /// to spend no time on the others.
    /// </summary>
    public Func<string, bool>? Shrinks { get; init; }

    /// <summary>Requirement IDs to run; empty = all (D20).</summary>
    public IReadOnlyList<string> OnlyIds { get; init; } = [];

    /// <summary>Areas to run (e.g. PP, CMPL); empty = all (D20).</summary>
    public IReadOnlyList<string> OnlyAreas { get; init; } = [];

    /// <summary>Levels to run (e.g. MUST); empty = all (D20).</summary>
    public IReadOnlyList<string> OnlyLevels { get; init; } = [];

    /// <summary>
    /// Arguments every printed replay line ends with, so it names what was judged (e.g. <c>--testee '…'</c> for an
    /// out-of-process implementation); empty for the reference.
    /// </summary>
    public string ReplayArguments { get; init; } = "";

    /// <summary>
    /// Wall-clock budget for generating scenarios: once it is spent no new scenario starts, and the result says the run
    /// stopped on its budget. Null: generate every scenario. Shrinking and replays come after and are not counted.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// Scenarios read from a file in place of the generated stream (scenario i is the corpus's line i, <see cref="Seed"/>
    /// then chooses nothing); null: generate them.
    /// </summary>
    public ScenarioCorpus? Corpus { get; init; }

    /// <summary>The slice of the scenario stream this run judges (D27); the whole stream by default.</summary>
    public Shard Shard { get; init; } = Shard.Whole;

    /// <summary>
    /// Scenarios judged at once, each worker on its own thread, where the level allows it
    /// (<see cref="Engine.Level{TScenario, TRun}.DrivesInParallel"/>); the result does not depend on it (D27). Set it
    /// above 1 only for an implementation whose separate instances share no state: the references and fixtures do.
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Where runs over the same stream share their generated scenarios (every fixture of <c>run --all</c>, every proof);
    /// null: each run generates its own. Never changes a result.
    /// </summary>
    public SharedScenarios? SharedScenarios { get; init; }

    /// <summary>Called as scenarios are judged, after every few of them; for progress display only, it never changes a result.</summary>
    public Action<RunProgress>? Progress { get; init; }

    /// <summary><see cref="Scenarios"/>, or the value of <see cref="ScenariosVariable"/> when set to a positive number.</summary>
    public int EffectiveScenarios(Func<string, string?>? readVariable = null)
    {
        var text = (readVariable ?? Environment.GetEnvironmentVariable)(ScenariosVariable);
        return int.TryParse(text, out var n) && n > 0 ? n : Scenarios;
    }

    /// <summary>True when the ID, area and level filters (D20) keep <paramref name="requirement"/>; empty filters keep everything.</summary>
    public bool Selects(Requirement requirement) =>
        (OnlyIds.Count == 0 || OnlyIds.Contains(requirement.Id, StringComparer.OrdinalIgnoreCase))
        && (OnlyAreas.Count == 0 || OnlyAreas.Any(a => Normalized(a) == Normalized(requirement.Area.ToString())))
        && (OnlyLevels.Count == 0 || OnlyLevels.Any(l => Normalized(l) == Normalized(requirement.Level.Format())));

    // Filters come from command lines: "MUST_NOT", "must not" and "MUST-NOT" name the same level.
    private static string Normalized(string s) => s.Replace(" ", "").Replace("_", "").Replace("-", "").ToUpperInvariant();
}

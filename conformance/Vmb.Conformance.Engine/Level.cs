using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Engine;

/// <summary>
/// A level plugged into the engine core: what a scenario is, how it is generated, driven, shrunk and printed,
/// which checks judge its runs and which situations a run must reach. The core does the rest (generate, run under
/// a watchdog, judge, shrink, replay, classify) the same way for every level.
/// </summary>
/// <typeparam name="TScenario">The level's scenario: plain data, serialisable.</typeparam>
/// <typeparam name="TRun">What one driven scenario produced, as the checks judge it.</typeparam>
public abstract class Level<TScenario, TRun>
    where TScenario : class
    where TRun : class
{
    /// <summary>The level's name as the catalog's <c>check</c> field and replay lines spell it (<see cref="CheckLevels"/>).</summary>
    public abstract string Name { get; }

    /// <summary>The implementation judged: name, version, profile and declared capabilities (D21).</summary>
    public abstract ImplementationInfo Implementation { get; }

    /// <summary>The level's checks, at most one per requirement ID.</summary>
    public abstract IReadOnlyList<ICheck<TRun>> Checks { get; }

    /// <summary>Situations every default run must reach (D26: a missing one makes the run inconclusive).</summary>
    public abstract IReadOnlyList<string> RequiredSituations { get; }

    /// <summary>
    /// The field classes every default run must produce (D26: a missing one makes the run inconclusive); by default
    /// none. See <see cref="FieldClasses"/>.
    /// </summary>
    public virtual IReadOnlyList<FieldClass> RequiredFieldClasses => [];

    /// <summary>
    /// The range classes of every wire field and API parameter <paramref name="scenario"/> holds (each pair once per
    /// scenario is enough): read from the scenario alone, never from what the implementation did (D27).
    /// </summary>
    public virtual IEnumerable<FieldClass> FieldClasses(TScenario scenario) => [];

    /// <summary>
    /// True when scenarios may be generated, driven and judged on several threads at once (<see cref="SuiteOptions.Workers"/>):
    /// every call here is safe from any thread and separate runs of the implementation share nothing. False by
    /// default, and for an implementation reached through one connection.
    /// </summary>
    public virtual bool DrivesInParallel => false;

    /// <summary>
    /// True when driving <paramref name="scenario"/> races threads of its own against each other (answers on real
    /// threads, a thread changing memory under a reader). With several workers such a scenario is driven while no other
    /// worker generates, drives or judges, so its threads find the free cores the race needs.
    /// </summary>
    public virtual bool RacesThreads(TScenario scenario) => false;

    /// <summary>
    /// Names the level's generator: levels with equal keys generate the same scenario for every seed, so their runs may
    /// share generated scenarios (<see cref="SuiteOptions.SharedScenarios"/>); null (the default) shares nothing.
    /// </summary>
    public virtual object? GeneratorKey => null;

    /// <summary>Scenario <see cref="ScenarioSeed.Index"/> of a run, from its seed alone (D27).</summary>
    public abstract TScenario Generate(ScenarioSeed seed);

    /// <summary>
    /// Scenario <paramref name="index"/> of the run <paramref name="options"/> describe: read from its corpus
    /// (<see cref="SuiteOptions.Corpus"/>), or generated from its seed.
    /// </summary>
    public TScenario ScenarioAt(SuiteOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Corpus is { } corpus ? FromJson(corpus.At(index)) : Generate(ScenarioSeed.For(options.Seed, index));
    }

    /// <summary>Runs one scenario against the implementation and records what happened.</summary>
    public abstract TRun Drive(TScenario scenario, SuiteOptions options);

    /// <summary>The scenario a run came from.</summary>
    public abstract TScenario ScenarioOf(TRun run);

    /// <summary>How the run ended.</summary>
    public abstract RunEnd EndOf(TRun run);

    /// <summary>Simpler variants of <paramref name="scenario"/>, simplest first.</summary>
    public abstract IEnumerable<TScenario> Shrink(TScenario scenario);

    /// <summary>The coverage situations one run reached (each counted once per run).</summary>
    public abstract IEnumerable<string> Situations(TRun run);

    /// <summary>
    /// For a run on real threads, the order in which its racing events happened, as a key (equal keys, equal orders);
    /// null for a serial run. The report counts the distinct orders a run exercised.
    /// </summary>
    public virtual string? EventOrder(TRun run) => null;

    /// <summary>The scenario printed for a person.</summary>
    public abstract string Describe(TScenario scenario);

    /// <summary>The scenario as one line of JSON (what a replay line carries).</summary>
    public abstract string ToJson(TScenario scenario);

    /// <summary>Reads a scenario written by <see cref="ToJson"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public abstract TScenario FromJson(string json);

    /// <summary>How big the scenario is, in the unit a reader counts (packets, operations).</summary>
    public abstract int Size(TScenario scenario);

    /// <summary>The trace around <paramref name="at"/> (the end when null), the offending event marked.</summary>
    public abstract string Excerpt(TRun run, int? at);

    /// <summary>Why <paramref name="check"/> cannot judge this implementation (a capability or profile it lacks), or null.</summary>
    public virtual string? NotApplicable(ICheck<TRun> check, Requirement requirement) => null;

    /// <summary>True when the level's report lists <paramref name="requirement"/>; by default, the rules the level judges.</summary>
    public virtual bool Lists(Requirement requirement) => Checks.Any(c => c.RequirementId == requirement.Id);

    /// <summary>Why a listed rule without a check at this level has none: the catalog's reason, or the level that judges it.</summary>
    public string UntestedReason(Requirement requirement)
    {
        var how = requirement.Verification.Format();
        if (requirement.Reason is { Length: > 0 } reason) return $"{how}: {reason}";
        foreach (var (level, check) in requirement.Checks)
            if (level != Name) return $"{how}: judged at the {level} level ({check}): see the {level} report";
        return $"{how}: no check at the {Name} level yet";
    }
}

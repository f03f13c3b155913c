using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings.Checks;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings;

/// <summary>The ring level run by the engine core: shorthands for <see cref="SuiteRunner"/> with a <see cref="RingLevel"/>.</summary>
public static class RingConformanceRunner
{
    /// <summary>Runs the ring suite with every ring check.</summary>
    public static SuiteResult Run(IRingImplementation implementation, SuiteOptions options, RequirementCatalog catalog) =>
        SuiteRunner.Run(new RingLevel(implementation), options, catalog);

    /// <summary>Runs the ring suite with an explicit check list.</summary>
    internal static SuiteResult Run(IRingImplementation implementation, SuiteOptions options, RequirementCatalog catalog, IReadOnlyList<RingCheck> checks) =>
        SuiteRunner.Run(new RingLevel(implementation, checks), options, catalog);

    /// <summary>Scenario <paramref name="index"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static RingScenario ScenarioAt(ulong seed, int index) => RingLevel.ScenarioAt(ScenarioSeed.For(seed, index));

    /// <summary>Replays <paramref name="scenario"/> and judges <paramref name="requirementId"/> on it.</summary>
    public static ReplayOutcome Replay(IRingImplementation implementation, RingScenario scenario, string requirementId) =>
        SuiteRunner.Replay(new RingLevel(implementation), scenario, requirementId);

    /// <summary>Parses a scenario given as JSON (a replay line's argument) and replays it.</summary>
    public static ReplayOutcome Replay(IRingImplementation implementation, string scenarioJson, string requirementId) =>
        Replay(implementation, RingScenario.FromJson(scenarioJson), requirementId);

    /// <summary>The replay line printed with a counterexample.</summary>
    public static string ReplayLine(string requirementId, RingScenario scenario) =>
        SuiteRunner.ReplayLine(RingLevel.LevelName, requirementId, scenario.ToJson());
}

using Vmb.Conformance.Checks;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Running;

/// <summary>The channel level run by the engine core: shorthands for <see cref="SuiteRunner"/> with a <see cref="ChannelLevel"/>.</summary>
public static class ConformanceRunner
{
    /// <summary>Runs the channel suite.</summary>
    public static SuiteResult Run(IChannelImplementation implementation, SuiteOptions options, RequirementCatalog catalog) =>
        SuiteRunner.Run(new ChannelLevel(implementation), options, catalog);

    /// <summary>Runs the channel suite with an explicit check list (tests use a subset).</summary>
    internal static SuiteResult Run(IChannelImplementation implementation, SuiteOptions options, RequirementCatalog catalog, IReadOnlyList<RequirementCheck> checks) =>
        SuiteRunner.Run(new ChannelLevel(implementation, checks), options, catalog);

    /// <summary>Replays <paramref name="scenario"/> and judges <paramref name="requirementId"/> on it: what a printed replay line does.</summary>
    public static ReplayOutcome Replay(IChannelImplementation implementation, Scenario scenario, string requirementId, int stepBudget = 200_000) =>
        SuiteRunner.Replay(new ChannelLevel(implementation), scenario, requirementId, new SuiteOptions { StepBudget = stepBudget });

    /// <summary>The replay line printed with a counterexample.</summary>
    public static string ReplayLine(string requirementId, Scenario scenario) =>
        SuiteRunner.ReplayLine(ChannelLevel.LevelName, requirementId, ScenarioJson.SerializeCompact(scenario));

    /// <summary>Check IDs that have no catalog entry (a defect the tests catch).</summary>
    internal static IEnumerable<string> ChecksMissingFromCatalog(RequirementCatalog catalog) =>
        CheckRegistry.All().Select(c => c.RequirementId).Where(id => catalog.Find(id) is null);
}

using System.Collections.Concurrent;
using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Results;

/// <summary>
/// Scenarios generated once and handed to every run that would generate them again: a seed names the same scenario for
/// every implementation whose generator is the same (D27), so judging many implementations over one stream — every
/// fixture of <c>run --all</c>, every proof — need not generate it for each. Give the same instance to those runs'
/// <see cref="SuiteOptions.SharedScenarios"/>; it is safe from several threads. Scenarios are plain data that no run
/// changes. Past <see cref="Capacity"/> entries, scenarios are generated as if there were no store.
/// </summary>
public sealed class SharedScenarios
{
    private readonly ConcurrentDictionary<(object Generator, ScenarioSeed Seed), object> _scenarios = new();

    /// <summary>
    /// A store of at most <paramref name="capacity"/> scenarios. The default holds a default run's stream for a few
    /// generators (channel scenarios take about 15 KiB each), so a deep run does not keep a million of them.
    /// </summary>
    public SharedScenarios(int capacity = 10_000) => Capacity = capacity;

    /// <summary>The most scenarios kept.</summary>
    public int Capacity { get; }

    /// <summary>Scenarios kept.</summary>
    public int Count => _scenarios.Count;

    /// <summary>Scenario <paramref name="seed"/> of the generator named <paramref name="generator"/>, generated on first use.</summary>
    internal TScenario GetOrGenerate<TScenario>(object generator, ScenarioSeed seed, Func<ScenarioSeed, TScenario> generate) where TScenario : class
    {
        var key = (generator, seed);
        if (_scenarios.TryGetValue(key, out var kept)) return (TScenario)kept;
        var scenario = generate(seed);
        if (_scenarios.Count < Capacity) _scenarios.TryAdd(key, scenario);
        return scenario;
    }
}

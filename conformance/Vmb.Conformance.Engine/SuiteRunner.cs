using System.Diagnostics;
using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Engine;

/// <summary>The outcome of replaying one scenario for one requirement.</summary>
/// <param name="RequirementId">The requirement judged.</param>
/// <param name="Outcome">What its check concluded (a stall on the rule's obligation is a failure).</param>
/// <param name="End">How the run ended.</param>
/// <param name="Excerpt">The trace around the offending event (or the end), the event marked.</param>
public sealed record ReplayOutcome(string RequirementId, CheckOutcome Outcome, RunEnd End, string Excerpt)
{
    /// <summary>True when the rule failed again: the counterexample reproduced.</summary>
    public bool Reproduced => Outcome.Status == CheckStatus.Fail;
}

/// <summary>
/// The engine core, the same for every level: generates scenarios from mixed seeds (D27), runs each under the
/// watchdog, evaluates every selected check on the run, shrinks each rule's first failure, replays it to tell fail
/// from flaky, and gives every listed catalog requirement one verdict; rules never exercised are
/// <see cref="Verdict.NotExercised"/> (D26).
/// </summary>
public static class SuiteRunner
{
    /// <summary>Version of the engine stamped on results (D21).</summary>
    public const string SuiteVersion = "0.2.0";

    /// <summary>Version of the result shape (D21).</summary>
    public const int SchemaVersion = 2;

    /// <summary>Runs the level's suite against its implementation.</summary>
    public static SuiteResult Run<TScenario, TRun>(Level<TScenario, TRun> level, SuiteOptions options, RequirementCatalog catalog)
        where TScenario : class where TRun : class
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var listed = catalog.Requirements.Where(level.Lists).ToList();
        var selected = listed.Where(options.Selects).ToList();
        var filteredOut = listed.Where(r => !options.Selects(r)).Select(r => r.Id).ToList();
        var checks = level.Checks.GroupBy(c => c.RequirementId).ToDictionary(g => g.Key, g => g.Single());
        var judged = selected.Where(r => checks.TryGetValue(r.Id, out var c) && level.NotApplicable(c, r) is null).Select(r => checks[r.Id]).ToList();
        var total = options.EffectiveScenarios();
        var held = options.Shard.Held(total);
        var presumes = Presumes(catalog);
        var workers = ScenarioStream<TScenario, TRun>.Workers(level.DrivesInParallel ? options.Workers : 1, held);
        var watchdogs = Enumerable.Range(0, workers).Select(_ => new Watchdog(options.WatchdogLimit)).ToList();
        try
        {
            var stream = new ScenarioStream<TScenario, TRun>(level, options, w => new LevelRun<TScenario, TRun>(level, w, options, judged, presumes), held, clock);
            stream.Run(watchdogs);
            var run = stream.Merged!;
            var abandoned = stream.Hung is { } hung ? Abandoned(level, hung.Watchdog, level.ScenarioAt(options, hung.Index), Origin(options, hung.Index)) : null;
            var results = selected.Select(r => run.Conclude(r, checks.GetValueOrDefault(r.Id), abandoned)).ToList();
            if (watchdogs.Any(w => w.Abandoned) && abandoned is null)
                abandoned = $"a shrinking or replay run did not return within {watchdogs[0].LimitText}; counterexamples concluded after it are unshrunk and unreplayed";
            return new SuiteResult(level.Implementation, catalog.CatalogVersion, SuiteVersion, SchemaVersion, options.Seed, stream.Generated, started, clock.Elapsed,
                results, filteredOut, run.Coverage)
            {
                Level = level.Name,
                RequiredSituations = level.RequiredSituations,
                FieldCoverage = FieldCoverageRow.Table(run.FieldCoverage, level.RequiredFieldClasses),
                Abandoned = abandoned,
                StoppedOnBudget = stream.StoppedOnBudget,
                Corpus = options.Corpus?.Stamp,
                Shards = options.Shard.Count == 1 ? null : new ShardCoverage(options.Shard.Count, [options.Shard.Number], total),
            };
        }
        finally
        {
            foreach (var watchdog in watchdogs) watchdog.Dispose();
        }
    }

    /// <summary>Replays <paramref name="scenario"/> and judges <paramref name="requirementId"/> on it: what a printed replay line does.</summary>
    /// <exception cref="ArgumentException">The level has no check for <paramref name="requirementId"/>.</exception>
    public static ReplayOutcome Replay<TScenario, TRun>(Level<TScenario, TRun> level, TScenario scenario, string requirementId, SuiteOptions? options = null)
        where TScenario : class where TRun : class
    {
        var check = level.Checks.FirstOrDefault(c => string.Equals(c.RequirementId, requirementId, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"the {level.Name} level has no check for requirement '{requirementId}'", nameof(requirementId));
        options ??= new SuiteOptions();
        using var watchdog = new Watchdog(options.WatchdogLimit);
        var session = new LevelRun<TScenario, TRun>(level, watchdog, options, [check], (_, _) => false);
        if (!session.TryDrive(scenario, out var run))
        {
            var detail = $"the implementation did not return within {watchdog.LimitText}";
            return new ReplayOutcome(check.RequirementId, CheckOutcome.Fail(detail), new RunEnd(RunOutcome.Timeout, detail), "");
        }
        var outcome = session.Outcome(check, run);
        return new ReplayOutcome(check.RequirementId, outcome, level.EndOf(run), level.Excerpt(run, outcome.EventIndex));
    }

    /// <summary>The replay line printed with a counterexample.</summary>
    public static string ReplayLine(string level, string requirementId, string scenarioJson, string replayArguments = "") =>
        $"vmb-conformance replay --level {level} --requirement {requirementId}{(replayArguments.Length == 0 ? "" : " " + replayArguments)} --scenario '{scenarioJson}'";

    // The catalog's presumes edges (D23): true when the first rule presumes the second.
    private static Func<string, string, bool> Presumes(RequirementCatalog catalog) =>
        (rule, other) => catalog.Find(rule)?.PresumesRule(other) == true;

    // Where scenario index of a run comes from, in words: its seed, or the corpus scenario it was read from.
    private static string Origin(SuiteOptions options, int index) =>
        options.Corpus is { } corpus ? $"scenario {index} (scenario {index % corpus.Count + 1} of the corpus {corpus.Name})" : $"scenario {index} of seed {options.Seed}";

    private static string Abandoned<TScenario, TRun>(Level<TScenario, TRun> level, Watchdog watchdog, TScenario scenario, string origin)
        where TScenario : class where TRun : class =>
        $"{origin} did not return within {watchdog.LimitText}; the run stopped there, since in-process code cannot be " +
        $"interrupted (run the implementation out of process to judge the rest). Scenario: {level.ToJson(scenario)}";
}

/// <summary>The harness itself failed (a check threw); says nothing about the implementation.</summary>
public sealed class HarnessException(string message, Exception inner) : Exception(message, inner);

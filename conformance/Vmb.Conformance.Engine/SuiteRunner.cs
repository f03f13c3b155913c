using System.Diagnostics;
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
        var tallies = selected.Where(r => checks.TryGetValue(r.Id, out var c) && level.NotApplicable(c, r) is null)
            .Select(r => new CheckTally<ICheck<TRun>, TRun>(checks[r.Id], checks[r.Id].IsInformational)).ToList();
        var coverage = new Dictionary<string, int>();
        var total = options.EffectiveScenarios();
        var generated = 0;
        TRun? problem = null;
        string? abandoned = null;
        using (var watchdog = new Watchdog(options.WatchdogLimit))
        {
            var current = -1;
            // The whole stream runs as one piece of watched work, beating once per scenario.
            var finished = watchdog.TryRun(beat =>
            {
                for (var i = 0; i < total; i++)
                {
                    beat();
                    Volatile.Write(ref current, i);
                    var run = level.Drive(level.Generate(ScenarioSeed.For(options.Seed, i)), options);
                    var kept = watchdog.Commit(() =>
                    {
                        generated++;
                        foreach (var situation in level.Situations(run)) coverage[situation] = coverage.GetValueOrDefault(situation) + 1;
                        if (level.EndOf(run).IsProblem) problem ??= run;
                        foreach (var tally in tallies) Judge(level, tally, run);
                    });
                    if (!kept) return;
                }
            });
            if (!finished)
            {
                var index = Volatile.Read(ref current);
                generated = index + 1;
                abandoned = Abandoned(level, watchdog, level.Generate(ScenarioSeed.For(options.Seed, index)), options.Seed, index);
            }
            var results = selected.Select(r => Conclude(level, watchdog, options, r, checks.GetValueOrDefault(r.Id), tallies, problem, abandoned)).ToList();
            if (watchdog.Abandoned && abandoned is null)
                abandoned = $"a shrinking or replay run did not return within {watchdog.LimitText}; counterexamples concluded after it are unshrunk and unreplayed";
            return new SuiteResult(level.Implementation, catalog.CatalogVersion, SuiteVersion, SchemaVersion, options.Seed, generated, started, clock.Elapsed,
                results, filteredOut, coverage)
            {
                Level = level.Name,
                RequiredSituations = level.RequiredSituations,
                Abandoned = abandoned,
            };
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
        if (!TryDrive(level, watchdog, scenario, options, out var run))
        {
            var detail = $"the implementation did not return within {watchdog.LimitText}";
            return new ReplayOutcome(check.RequirementId, CheckOutcome.Fail(detail), new RunEnd(RunOutcome.Timeout, detail), "");
        }
        var outcome = Outcome(level, check, run);
        return new ReplayOutcome(check.RequirementId, outcome, level.EndOf(run), level.Excerpt(run, outcome.EventIndex));
    }

    /// <summary>The replay line printed with a counterexample.</summary>
    public static string ReplayLine(string level, string requirementId, string scenarioJson) =>
        $"vmb-conformance replay --level {level} --requirement {requirementId} --scenario '{scenarioJson}'";

    // A stall on the obligation a rule names fails that rule (D24); otherwise the rule's check judges the run.
    private static CheckOutcome Outcome<TScenario, TRun>(Level<TScenario, TRun> level, ICheck<TRun> check, TRun run)
        where TScenario : class where TRun : class
    {
        var end = level.EndOf(run);
        if (end is { Outcome: RunOutcome.Timeout, StalledRule: { } stalled } && stalled == check.RequirementId)
            return CheckOutcome.Fail($"stalled: {end.Detail}");
        if (!check.Judges(run)) return CheckOutcome.NotExercised;
        try
        {
            return check.Evaluate(run);
        }
        catch (Exception e)
        {
            throw new HarnessException($"check {check} threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    private static void Judge<TScenario, TRun>(Level<TScenario, TRun> level, CheckTally<ICheck<TRun>, TRun> tally, TRun run)
        where TScenario : class where TRun : class
    {
        var outcome = Outcome(level, tally.Check, run);
        // A run the check does not speak about is not counted as run for it, as before the core was shared.
        if (outcome.Status == CheckStatus.NotExercised && !tally.Check.Judges(run)) return;
        tally.Add(run, outcome);
    }

    private static bool TryDrive<TScenario, TRun>(Level<TScenario, TRun> level, Watchdog watchdog, TScenario scenario, SuiteOptions options, out TRun run)
        where TScenario : class where TRun : class =>
        watchdog.TryRun(() => level.Drive(scenario, options), out run!);

    private static string Abandoned<TScenario, TRun>(Level<TScenario, TRun> level, Watchdog watchdog, TScenario scenario, ulong seed, int index)
        where TScenario : class where TRun : class =>
        $"scenario {index} of seed {seed} did not return within {watchdog.LimitText}; the run stopped there, since in-process code cannot be " +
        $"interrupted (run the implementation out of process to judge the rest). Scenario: {level.ToJson(scenario)}";

    private static RequirementResult Conclude<TScenario, TRun>(
        Level<TScenario, TRun> level, Watchdog watchdog, SuiteOptions options, Requirement requirement, ICheck<TRun>? check,
        List<CheckTally<ICheck<TRun>, TRun>> tallies, TRun? problem, string? abandoned)
        where TScenario : class where TRun : class
    {
        var id = requirement.Id;
        if (check is null) return new RequirementResult(id, Verdict.Untested, 0, 0, level.UntestedReason(requirement), null);
        if (level.NotApplicable(check, requirement) is { } why) return new RequirementResult(id, Verdict.NotApplicable, 0, 0, why, null);
        var tally = tallies.First(t => t.Check == check);
        if (tally.FirstFailure is { } failing)
            return Counterexample(level, watchdog, options, requirement, tally, failing);
        if (check.IsInformational || requirement.Level == RequirementLevel.Info)
        {
            var seen = tally.Observations.Count == 0
                ? tally.Exercised == 0 ? "not observed in any scenario" : $"held on {tally.Exercised} scenario(s)"
                : string.Join("; ", tally.Observations.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} ({o.Value} scenario(s))"));
            return new RequirementResult(id, Verdict.Informational, tally.Run, tally.Exercised, seen, null);
        }
        if (abandoned is not null) return new RequirementResult(id, Verdict.Timeout, tally.Run, tally.Exercised, abandoned, null);
        if (problem is not null)
        {
            var end = level.EndOf(problem);
            var verdict = end.Outcome switch { RunOutcome.Timeout => Verdict.Timeout, RunOutcome.Crash => Verdict.Crash, _ => Verdict.HarnessError };
            return new RequirementResult(id, verdict, tally.Run, tally.Exercised,
                $"{end.Outcome}: {end.Detail}; replay: {ReplayLine(level.Name, id, level.ToJson(level.ScenarioOf(problem)))}", null);
        }
        if (tally.Exercised == 0)
            return new RequirementResult(id, Verdict.NotExercised, tally.Run, 0, $"no generated scenario exercised it ({tally.Run} run)", null);
        return new RequirementResult(id, Verdict.Pass, tally.Run, tally.Exercised, null, null);
    }

    private static RequirementResult Counterexample<TScenario, TRun>(
        Level<TScenario, TRun> level, Watchdog watchdog, SuiteOptions options, Requirement requirement, CheckTally<ICheck<TRun>, TRun> tally, TRun failing)
        where TScenario : class where TRun : class
    {
        var (run, outcome, steps) = Shrink(level, watchdog, options, tally.Check, failing, tally.FailureOutcome);
        var scenario = level.ScenarioOf(run);
        // Replays stop once the worker is lost; the verdict then rests on the replays made (none: the original failure).
        var replays = 0;
        var failed = 0;
        for (var i = 0; i < Math.Max(1, options.FlakyReplays) && !watchdog.Abandoned; i++)
        {
            if (!TryDrive(level, watchdog, scenario, options, out var again)) break;
            replays++;
            if (Outcome(level, tally.Check, again).Status == CheckStatus.Fail) failed++;
        }
        var json = level.ToJson(scenario);
        var example = new Counterexample(
            $"{requirement.Id} ({requirement.LevelLabel}): {requirement.Statement}", level.Describe(scenario), json,
            level.Excerpt(run, outcome.EventIndex), outcome.Message ?? "(no message)", ReplayLine(level.Name, requirement.Id, json),
            level.Size(scenario), steps, failed, replays);
        return new RequirementResult(requirement.Id, failed == replays ? Verdict.Fail : Verdict.Flaky, tally.Run, tally.Exercised, outcome.Message, example);
    }

    // Greedy: take the first simpler variant that still fails the rule, until none does or the budget is spent.
    private static (TRun Run, CheckOutcome Outcome, int Steps) Shrink<TScenario, TRun>(
        Level<TScenario, TRun> level, Watchdog watchdog, SuiteOptions options, ICheck<TRun> check, TRun failing, CheckOutcome outcome)
        where TScenario : class where TRun : class
    {
        var best = failing;
        var steps = 0;
        var runs = 0;
        var improved = true;
        while (improved && runs < options.ShrinkBudget && !watchdog.Abandoned)
        {
            improved = false;
            foreach (var candidate in level.Shrink(level.ScenarioOf(best)))
            {
                if (++runs > options.ShrinkBudget) break;
                if (!TryDrive(level, watchdog, candidate, options, out var run)) break;
                var result = Outcome(level, check, run);
                if (result.Status != CheckStatus.Fail) continue;
                (best, outcome) = (run, result);
                steps++;
                improved = true;
                break;
            }
        }
        return (best, outcome, steps);
    }
}

/// <summary>The harness itself failed (a check threw); says nothing about the implementation.</summary>
public sealed class HarnessException(string message, Exception inner) : Exception(message, inner);

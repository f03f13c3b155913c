using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Engine;

/// <summary>
/// One suite run of one level: judges every run with every selected check, attributes each failure to its root cause
/// (D23), shrinks, replays and concludes one verdict per requirement. The same for every level.
/// </summary>
internal sealed class LevelRun<TScenario, TRun>
    where TScenario : class
    where TRun : class
{
    private readonly Level<TScenario, TRun> _level;
    private Watchdog _watchdog;
    private readonly SuiteOptions _options;
    private readonly List<CheckTally<ICheck<TRun>, TRun>> _tallies;
    private readonly Func<string, string, bool> _presumes;

    /// <param name="level">The level run.</param>
    /// <param name="watchdog">Watches every call into the implementation.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="checks">The checks judged.</param>
    /// <param name="presumes">True when the first rule presumes the second (a catalog edge): it settles ties of position (D23).</param>
    public LevelRun(Level<TScenario, TRun> level, Watchdog watchdog, SuiteOptions options, IEnumerable<ICheck<TRun>> checks, Func<string, string, bool> presumes)
    {
        _level = level;
        _watchdog = watchdog;
        _options = options;
        _presumes = presumes;
        _tallies = checks.Select(c => new CheckTally<ICheck<TRun>, TRun>(c, c.IsInformational)).ToList();
    }

    /// <summary>Rules that have failed in some run so far.</summary>
    public int FailedRules => _tallies.Count(t => t.FirstFailure is not null);

    /// <summary>The first run that ended in a way that says nothing reliable about rules without a failure.</summary>
    public TRun? Problem { get; private set; }

    /// <summary>Situations reached, counted once per run, and the distinct event orders of runs on real threads.</summary>
    public Dictionary<string, int> Coverage { get; } = new();

    // Orders are kept as 64-bit fingerprints, not as their keys: a deep run holds one per distinct order, so memory grows
    // by a few bytes per threaded run instead of by the length of its trace.
    private readonly HashSet<ulong> _orders = new();

    /// <summary>
    /// Coverage entries about runs on real threads start with this. Their values depend on the interleavings a machine
    /// happened to produce, so they are the only figures of a report that differ between runs of the same seed.
    /// </summary>
    public const string ThreadsPrefix = "threads:";

    /// <summary>The coverage entry counting distinct event orders of the runs on real threads (not a per-run count).</summary>
    public const string DistinctEventOrders = ThreadsPrefix + "distinct-event-orders";

    /// <summary>The coverage entry counting the runs on real threads.</summary>
    public const string ThreadedRuns = ThreadsPrefix + "runs";

    /// <summary>Field classes produced, counted once per scenario.</summary>
    public Dictionary<FieldClass, int> FieldCoverage { get; } = new();

    /// <summary>Judges one run with every check and records which failures came first (D23).</summary>
    public void Judge(TRun run)
    {
        var order = _level.EventOrder(run);
        var racing = order is not null;
        // A run on real threads adds its own figures and its failures, never to the per-rule and per-situation counts.
        foreach (var situation in _level.Situations(run).Where(s => !racing || s.StartsWith(ThreadsPrefix, StringComparison.Ordinal)))
            Coverage[situation] = Coverage.GetValueOrDefault(situation) + 1;
        if (racing)
        {
            Coverage[ThreadedRuns] = Coverage.GetValueOrDefault(ThreadedRuns) + 1;
            if (_orders.Add(Fingerprint(order!))) Coverage[DistinctEventOrders] = _orders.Count;
        }
        foreach (var field in _level.FieldClasses(_level.ScenarioOf(run)).Distinct()) FieldCoverage[field] = FieldCoverage.GetValueOrDefault(field) + 1;
        if (_level.EndOf(run).IsProblem) Problem ??= run;
        var failures = new List<(string Rule, CheckOutcome Outcome)>();
        foreach (var tally in _tallies)
        {
            // A run the check does not speak about is not counted as run for it.
            if (!tally.Check.Judges(run)) continue;
            var outcome = Evaluate(tally.Check, run);
            tally.Add(run, outcome, counted: !racing);
            if (outcome.Status == CheckStatus.Fail) failures.Add((tally.Check.RequirementId, outcome));
        }
        var roots = Roots(failures);
        foreach (var tally in _tallies.Where(t => roots.Contains(t.Check.RequirementId))) tally.AddRoot(run);
    }

    /// <summary>
    /// Adds what <paramref name="later"/> judged, scenarios that all come after the ones judged here, as if this run
    /// had judged them itself: the first failures, the first problem and the order coverage entries first appear in
    /// stay those of the earliest scenario, so merging the parts of a stream in order gives the whole stream's run.
    /// </summary>
    public void Absorb(LevelRun<TScenario, TRun> later)
    {
        for (var i = 0; i < _tallies.Count; i++) _tallies[i].Absorb(later._tallies[i]);
        foreach (var (situation, count) in later.Coverage.Where(c => c.Key != DistinctEventOrders))
            Coverage[situation] = Coverage.GetValueOrDefault(situation) + count;
        if (later._orders.Count > 0)
        {
            _orders.UnionWith(later._orders);
            Coverage[DistinctEventOrders] = _orders.Count;
        }
        foreach (var (field, count) in later.FieldCoverage) FieldCoverage[field] = FieldCoverage.GetValueOrDefault(field) + count;
        Problem ??= later.Problem;
    }

    // FNV-1a over the key's characters: stable across processes, unlike string.GetHashCode.
    private static ulong Fingerprint(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }

    /// <summary>Shrinks and replays from here on run under <paramref name="watchdog"/>.</summary>
    public void ConcludeUnder(Watchdog watchdog) => _watchdog = watchdog;

    // D23, in one place: the rules of a run that fail first. Nothing fails earlier than them, and a tie of position is
    // settled only by the catalog's presumes edges, never by a ranking of rules.
    private List<string> Roots(IReadOnlyList<(string Rule, CheckOutcome Outcome)> failures)
    {
        if (failures.Count == 0) return [];
        var first = failures.Min(f => f.Outcome.Position);
        var earliest = failures.Where(f => f.Outcome.Position == first).Select(f => f.Rule).ToList();
        return earliest.Where(rule => !earliest.Any(other => other != rule && _presumes(rule, other))).ToList();
    }

    // Every rule the run fails, with its outcome.
    private List<(string Rule, CheckOutcome Outcome)> Failures(TRun run) =>
        _tallies.Select(t => (t.Check.RequirementId, Outcome: Outcome(t.Check, run))).Where(f => f.Outcome.Status == CheckStatus.Fail).ToList();

    /// <summary>The verdict on <paramref name="requirement"/>; <paramref name="check"/> is the level's check for it, if any.</summary>
    public RequirementResult Conclude(Requirement requirement, ICheck<TRun>? check, string? abandoned)
    {
        var id = requirement.Id;
        if (check is null) return new RequirementResult(id, Verdict.Untested, 0, 0, _level.UntestedReason(requirement), null);
        if (_level.NotApplicable(check, requirement) is { } why) return new RequirementResult(id, Verdict.NotApplicable, 0, 0, why, null);
        var tally = _tallies.First(t => t.Check == check);
        if (tally.FirstFailure is not null) return Counterexample(requirement, tally);
        if (check.IsInformational || requirement.Level == RequirementLevel.Info)
        {
            var seen = tally.Observations.Count == 0
                ? tally.Exercised == 0 ? "not observed in any scenario" : $"held on {tally.Exercised} scenario(s)"
                : string.Join("; ", tally.Observations.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} ({o.Value} scenario(s))"));
            return new RequirementResult(id, Verdict.Informational, tally.Run, tally.Exercised, seen, null);
        }
        if (abandoned is not null) return new RequirementResult(id, Verdict.Timeout, tally.Run, tally.Exercised, abandoned, null);
        if (Problem is { } problem)
        {
            var end = _level.EndOf(problem);
            var verdict = end.Outcome switch { RunOutcome.Timeout => Verdict.Timeout, RunOutcome.Crash => Verdict.Crash, _ => Verdict.HarnessError };
            return new RequirementResult(id, verdict, tally.Run, tally.Exercised,
                $"{end.Outcome}: {end.Detail}; replay: {SuiteRunner.ReplayLine(_level.Name, id, _level.ToJson(_level.ScenarioOf(problem)), _options.ReplayArguments)}", null);
        }
        if (tally.Exercised == 0)
            return new RequirementResult(id, Verdict.NotExercised, tally.Run, 0, $"no generated scenario exercised it ({tally.Run} run)", null);
        return new RequirementResult(id, Verdict.Pass, tally.Run, tally.Exercised, null, null);
    }

    /// <summary>What <paramref name="check"/> concludes on <paramref name="run"/>.</summary>
    public CheckOutcome Outcome(ICheck<TRun> check, TRun run) => check.Judges(run) ? Evaluate(check, run) : CheckOutcome.NotExercised;

    // A check that throws is the harness's failure, never a verdict on the implementation.
    private static CheckOutcome Evaluate(ICheck<TRun> check, TRun run)
    {
        try
        {
            return check.Evaluate(run);
        }
        catch (Exception e)
        {
            throw new HarnessException($"check {check} threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="scenario"/> under the watchdog; false when it did not return in time.</summary>
    public bool TryDrive(TScenario scenario, out TRun run) => _watchdog.TryRun(() => _level.Drive(scenario, _options), out run!);

    // A root (it failed with nothing earlier in some scenario) is shrunk from that scenario under the extra condition
    // that nothing fails earlier; a consequence is shrunk as it is, and named after the rules failing first in its
    // counterexample (D23).
    private RequirementResult Counterexample(Requirement requirement, CheckTally<ICheck<TRun>, TRun> tally)
    {
        var isRoot = tally.FirstRootFailure is not null;
        var start = tally.FirstRootFailure ?? tally.FirstFailure!;
        Func<TRun, CheckOutcome?> fails = isRoot ? run => FailsFirst(tally.Check, run) : run => Fails(tally.Check, run);
        var first = fails(start) ?? tally.FailureOutcome;
        var (run, outcome, steps) = _options.Shrinks?.Invoke(requirement.Id) == false ? (start, first, 0) : Shrink(start, first, fails);
        var scenario = _level.ScenarioOf(run);
        // Replays stop once the worker is lost; the verdict then rests on the replays made (none: the original failure).
        var replays = 0;
        var failed = 0;
        for (var i = 0; i < Math.Max(1, _options.FlakyReplays) && !_watchdog.Abandoned; i++)
        {
            if (!TryDrive(scenario, out var again)) break;
            replays++;
            if (Outcome(tally.Check, again).Status == CheckStatus.Fail) failed++;
        }
        var json = _level.ToJson(scenario);
        var example = new Counterexample(
            $"{requirement.Id} ({requirement.LevelLabel}): {requirement.Statement}", _level.Describe(scenario), json,
            _level.Excerpt(run, outcome.EventIndex), outcome.Message ?? "(no message)", SuiteRunner.ReplayLine(_level.Name, requirement.Id, json, _options.ReplayArguments),
            _level.Size(scenario), steps, failed, replays);
        var causes = isRoot ? [] : Roots(Failures(run)).Where(c => c != requirement.Id).ToList();
        return new RequirementResult(requirement.Id, failed == replays ? Kind(run, requirement.Id) : Verdict.Flaky, tally.Run, tally.Exercised, outcome.Message, example)
        {
            ConsequenceOf = causes,
        };
    }

    // A rule broken by the run's ending fails as a timeout or a crash (D24), so the report says what kind of failure it is.
    private Verdict Kind(TRun run, string requirementId) => _level.EndOf(run) switch
    {
        { BrokenRule: { } broken, Outcome: RunOutcome.Timeout } when broken == requirementId => Verdict.Timeout,
        { BrokenRule: { } broken, Outcome: RunOutcome.Crash } when broken == requirementId => Verdict.Crash,
        _ => Verdict.Fail,
    };

    private CheckOutcome? Fails(ICheck<TRun> check, TRun run) => Outcome(check, run) is { Status: CheckStatus.Fail } o ? o : null;

    // The rule fails and is a root of the run.
    private CheckOutcome? FailsFirst(ICheck<TRun> check, TRun run)
    {
        var failures = Failures(run);
        return Roots(failures).Contains(check.RequirementId) ? failures.Single(f => f.Rule == check.RequirementId).Outcome : null;
    }

    // Greedy: take the first simpler variant that still fails, until none does or the budget is spent.
    private (TRun Run, CheckOutcome Outcome, int Steps) Shrink(TRun failing, CheckOutcome outcome, Func<TRun, CheckOutcome?> fails)
    {
        var best = failing;
        var steps = 0;
        var runs = 0;
        var improved = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool Spent() => runs >= _options.ShrinkBudget || clock.Elapsed >= _options.ShrinkTimeLimit || _watchdog.Abandoned;
        while (improved && !Spent())
        {
            improved = false;
            foreach (var candidate in _level.Shrink(_level.ScenarioOf(best)))
            {
                if (Spent()) break;
                runs++;
                if (!TryDrive(candidate, out var run)) break;
                if (fails(run) is not { } result) continue;
                (best, outcome) = (run, result);
                steps++;
                improved = true;
                break;
            }
        }
        return (best, outcome, steps);
    }
}

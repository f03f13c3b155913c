using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Checks;
using Vmb.Conformance.Results;
using Vmb.Conformance.RingLevel.Checks;
using Vmb.Conformance.Running;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.RingLevel;

/// <summary>The outcome of replaying one ring scenario for one requirement.</summary>
/// <param name="RequirementId">The requirement judged.</param>
/// <param name="Outcome">What its check concluded.</param>
/// <param name="Run">The run.</param>
public sealed record RingReplayResult(string RequirementId, CheckOutcome Outcome, RingRun Run)
{
    /// <summary>True when the check failed, i.e. the counterexample reproduced.</summary>
    public bool Reproduced => Outcome.Status == CheckStatus.Fail;
}

/// <summary>
/// The ring-level suite: generates ring scenarios (alternating the implementation's writer and reader), runs each
/// against an <see cref="IRingImplementation"/>, evaluates every ring check, shrinks each check's first failure and
/// replays it to tell fail from flaky. Only requirements with a ring check are listed in the result: the other
/// catalog rules speak about channels, not bare rings, and are neither passed nor failed here.
/// </summary>
public static class RingConformanceRunner
{
    private const int GeneratorSize = 50;

    /// <summary>Runs the suite with every ring check.</summary>
    public static SuiteResult Run(IRingImplementation implementation, SuiteOptions options, RequirementCatalog catalog) =>
        Run(implementation, options, catalog, RingCheckRegistry.All());

    /// <summary>Runs the suite with an explicit check list.</summary>
    public static SuiteResult Run(IRingImplementation implementation, SuiteOptions options, RequirementCatalog catalog, IReadOnlyList<RingCheck> checks)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var (selected, filteredOut) = Select(catalog, options, checks);
        var tallies = selected.Select(r => new CheckTally<RingCheck, RingRun>(checks.First(c => c.RequirementId == r.Id))).ToList();
        var coverage = new Dictionary<string, int>();
        var total = options.EffectiveScenarios();
        RingRun? problem = null;
        for (var i = 0; i < total; i++)
        {
            var run = RingDriver.Run(implementation, ScenarioAt(options.Seed, i));
            Count(coverage, run);
            if (Problem(run) is not null) problem ??= run;
            foreach (var tally in tallies)
                if (tally.Check.Judges(run)) tally.Add(run, Evaluate(tally.Check, run));
        }
        var results = selected.Select(r => Conclude(implementation, options, r, tallies.First(t => t.Check.RequirementId == r.Id), problem)).ToList();
        var info = new ImplementationInfo(implementation.Name, implementation.Version, FramingProfile.Raw, ChannelCapabilities.None);
        return new SuiteResult(info, catalog.CatalogVersion, ConformanceRunner.SuiteVersion, ConformanceRunner.SchemaVersion, options.Seed, total,
            started, clock.Elapsed, results, filteredOut, coverage);
    }

    /// <summary>Scenario <paramref name="index"/> of a run seeded with <paramref name="seed"/>: even indices judge the writer, odd the reader.</summary>
    public static RingScenario ScenarioAt(ulong seed, int index) =>
        RingGenerators.Scenario(index % 2 == 0 ? RingRole.Writer : RingRole.Reader).Sample(1, new Rnd(seed + (ulong)index), GeneratorSize)[0];

    /// <summary>Replays <paramref name="scenario"/> and judges <paramref name="requirementId"/> on it: what a printed replay line does.</summary>
    public static RingReplayResult Replay(IRingImplementation implementation, RingScenario scenario, string requirementId)
    {
        var check = RingCheckRegistry.All().FirstOrDefault(c => c.RequirementId == requirementId)
            ?? throw new ArgumentException($"no ring check judges requirement '{requirementId}'", nameof(requirementId));
        var run = RingDriver.Run(implementation, scenario);
        return new RingReplayResult(requirementId, check.Judges(run) ? Evaluate(check, run) : CheckOutcome.NotExercised, run);
    }

    /// <summary>Parses a scenario given as JSON (a replay line's argument) and replays it.</summary>
    public static RingReplayResult Replay(IRingImplementation implementation, string scenarioJson, string requirementId) =>
        Replay(implementation, RingScenario.FromJson(scenarioJson), requirementId);

    /// <summary>The replay line printed with a counterexample.</summary>
    public static string ReplayLine(string requirementId, RingScenario scenario) =>
        $"vmb-conformance replay-ring --requirement {requirementId} --scenario '{scenario.ToJson()}'";

    private static CheckOutcome Evaluate(RingCheck check, RingRun run)
    {
        try { return check.Evaluate(run); }
        catch (Exception e) { throw new HarnessException($"ring check {check} threw {e.GetType().Name}: {e.Message}", e); }
    }

    /// <summary>Why a run says nothing reliable about any rule: the implementation refused to attach or threw.</summary>
    private static string? Problem(RingRun run) =>
        (run.AttachRefusedAsCorrupt && run.Scenario.Attach == RingAttach.CorruptIndex ? null : run.AttachError)
        ?? run.Steps.FirstOrDefault(s => s.Exception is not null)?.Exception;

    private static RequirementResult Conclude(IRingImplementation implementation, SuiteOptions options, Requirement requirement, CheckTally<RingCheck, RingRun> tally, RingRun? problem)
    {
        var id = requirement.Id;
        if (tally.FirstFailure is { } failing)
        {
            var (run, outcome, steps) = Shrink(implementation, tally.Check, failing, tally.FailureOutcome, options.ShrinkBudget);
            var replays = Math.Max(1, options.FlakyReplays);
            var failed = Enumerable.Range(0, replays).Count(_ => Replay(implementation, run.Scenario, id).Reproduced);
            var example = new Counterexample($"{id} ({requirement.LevelLabel}): {requirement.Statement}", run.Scenario.Describe(), run.Scenario.ToJson(),
                run.Excerpt(outcome.EventIndex), outcome.Message ?? "(no message)", ReplayLine(id, run.Scenario), run.Scenario.WriteCount, steps, failed, replays);
            return new RequirementResult(id, failed == replays ? Verdict.Fail : Verdict.Flaky, tally.Run, tally.Exercised, outcome.Message, example);
        }
        if (problem is not null)
            return new RequirementResult(id, Verdict.Crash, tally.Run, tally.Exercised, $"{Problem(problem)}; replay: {ReplayLine(id, problem.Scenario)}", null);
        if (tally.Exercised == 0)
            return new RequirementResult(id, Verdict.Untested, tally.Run, 0, $"no generated ring scenario exercised it ({tally.Run} run)", null);
        return new RequirementResult(id, Verdict.Pass, tally.Run, tally.Exercised, null, null);
    }

    private static (RingRun Run, CheckOutcome Outcome, int Steps) Shrink(IRingImplementation implementation, RingCheck check, RingRun failing, CheckOutcome outcome, int budget)
    {
        var best = failing;
        var steps = 0;
        var runs = 0;
        var improved = true;
        while (improved && runs < budget)
        {
            improved = false;
            foreach (var candidate in RingShrinker.Shrink(best.Scenario))
            {
                if (++runs > budget) break;
                var run = RingDriver.Run(implementation, candidate);
                if (!check.Judges(run)) continue;
                var result = Evaluate(check, run);
                if (result.Status != CheckStatus.Fail) continue;
                (best, outcome) = (run, result);
                steps++;
                improved = true;
                break;
            }
        }
        return (best, outcome, steps);
    }

    private static void Count(Dictionary<string, int> coverage, RingRun run)
    {
        void Add(string key) => coverage[key] = coverage.GetValueOrDefault(key) + 1;
        var size = run.Scenario.DataSize;
        Add($"role {run.Scenario.Role}");
        if (run.Scenario.Attach != RingAttach.Existing) Add($"attach {run.Scenario.Attach} ({run.Scenario.Role})");
        if (run.Steps.Any(s => s.Outcome == nameof(RingWriteStatus.Full))) Add("ring full");
        if (run.Steps.Any(s => s.Op.Kind == RingOpKind.Write && s.Outcome is "PeerWrote" or nameof(RingWriteStatus.Written)
                               && (s.PeerStart >= 0 ? s.PeerStart : 0) + RingPacketBytes.Total(s.Op) > size)) Add("wrap-around");
        if (run.Steps.Any(s => s.Outcome == nameof(RingReadStatus.BufferTooSmall))) Add("destination too small");
        foreach (var fault in run.Steps.Where(s => s.Outcome == "PeerWrote" && s.Op.Fault != RingFault.None).Select(s => s.Op.Fault).Distinct()) Add($"fault {fault}");
    }

    private static (List<Requirement> Selected, List<string> FilteredOut) Select(RequirementCatalog catalog, SuiteOptions options, IReadOnlyList<RingCheck> checks)
    {
        var selected = new List<Requirement>();
        var filtered = new List<string>();
        foreach (var id in checks.Select(c => c.RequirementId).Distinct())
        {
            var r = catalog.Find(id) ?? throw new ArgumentException($"ring check for {id} has no catalog entry", nameof(checks));
            if (options.Selects(r)) selected.Add(r);
            else filtered.Add(r.Id);
        }
        return (selected, filtered);
    }
}

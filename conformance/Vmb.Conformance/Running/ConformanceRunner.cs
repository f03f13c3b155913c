using Stopwatch = System.Diagnostics.Stopwatch;
using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Running;

/// <summary>The outcome of replaying one scenario for one requirement.</summary>
/// <param name="RequirementId">The requirement judged.</param>
/// <param name="Outcome">What its check concluded.</param>
/// <param name="Run">The run (trace, outcome).</param>
public sealed record ReplayResult(string RequirementId, CheckOutcome Outcome, RunRecord Run)
{
    /// <summary>True when the check failed, i.e. the counterexample reproduced.</summary>
    public bool Reproduced => Outcome.Status == CheckStatus.Fail;
}

/// <summary>
/// The suite: generates scenarios, runs each once against the implementation, evaluates every selected check on
/// its trace, shrinks the first failure of each check, replays it to tell fail from flaky, and returns one
/// verdict per catalog requirement.
/// </summary>
public static class ConformanceRunner
{
    /// <summary>Version of the engine stamped on results (D21).</summary>
    public const string SuiteVersion = "0.1.0";

    /// <summary>Version of the result shape (D21).</summary>
    public const int SchemaVersion = 1;

    /// <summary>Runs the suite.</summary>
    public static SuiteResult Run(IChannelImplementation implementation, SuiteOptions options, RequirementCatalog catalog) =>
        Run(implementation, options, catalog, CheckRegistry.All());

    /// <summary>Runs the suite with an explicit check list (tests use a subset).</summary>
    public static SuiteResult Run(IChannelImplementation implementation, SuiteOptions options, RequirementCatalog catalog, IReadOnlyList<RequirementCheck> checks)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var info = implementation.Info;
        var (selected, filteredOut) = Select(catalog, options);
        var byId = checks.Where(c => selected.Any(r => r.Id == c.RequirementId)).ToDictionary(c => c.RequirementId);
        var tallies = byId.Values.Where(c => c.AppliesTo(info)).Select(c => new CheckTally<RequirementCheck, RunRecord>(c, c is InformationalCheck)).ToList();
        var source = new ScenarioSource(info, options.Seed);
        var coverage = new Coverage();
        var total = options.EffectiveScenarios();
        RunRecord? problem = null;
        for (var i = 0; i < total; i++)
        {
            var run = ScenarioDriver.Run(implementation, source.At(i), options.StepBudget);
            coverage.Add(run);
            if (run.Outcome != RunOutcome.Completed) problem ??= run;
            var context = new CheckContext(run);
            foreach (var tally in tallies)
                if (Judge.Judges(tally.Check, run)) tally.Add(run, Judge.Evaluate(tally.Check, context));
        }
        var results = new List<RequirementResult>();
        foreach (var requirement in selected)
        {
            if (!byId.TryGetValue(requirement.Id, out var check))
            {
                results.Add(new RequirementResult(requirement.Id, Verdict.Untested, 0, 0, UntestedReason(requirement), null));
                continue;
            }
            if (!check.AppliesTo(info) || !requirement.AppliesTo(info))
            {
                results.Add(new RequirementResult(requirement.Id, Verdict.NotApplicable, 0, 0, NotApplicableReason(check, requirement, info), null));
                continue;
            }
            results.Add(Conclude(implementation, options, requirement, tallies.First(t => t.Check == check), problem));
        }
        return new SuiteResult(info, catalog.CatalogVersion, SuiteVersion, SchemaVersion, options.Seed, total, started, clock.Elapsed,
            results, filteredOut, coverage.Counts.ToDictionary());
    }

    /// <summary>
    /// Replays <paramref name="scenario"/> and judges <paramref name="requirementId"/> on it: what a printed
    /// replay line does.
    /// </summary>
    public static ReplayResult Replay(IChannelImplementation implementation, Scenario scenario, string requirementId, int stepBudget = 200_000)
    {
        var check = CheckRegistry.All().FirstOrDefault(c => c.RequirementId == requirementId)
            ?? throw new ArgumentException($"no check judges requirement '{requirementId}'", nameof(requirementId));
        var run = ScenarioDriver.Run(implementation, scenario, stepBudget);
        var outcome = check.AppliesTo(implementation.Info) ? Judge.Evaluate(check, new CheckContext(run)) : CheckOutcome.NotExercised;
        return new ReplayResult(requirementId, outcome, run);
    }

    /// <summary>The replay line printed with a counterexample.</summary>
    public static string ReplayLine(string requirementId, Scenario scenario) =>
        $"vmb-conformance replay --requirement {requirementId} --scenario '{ScenarioJson.SerializeCompact(scenario)}'";

    /// <summary>Check IDs that have no catalog entry (a defect the tests catch).</summary>
    public static IEnumerable<string> ChecksMissingFromCatalog(RequirementCatalog catalog) =>
        CheckRegistry.All().Select(c => c.RequirementId).Where(id => catalog.Find(id) is null);

    private static RequirementResult Conclude(IChannelImplementation implementation, SuiteOptions options, Requirement requirement, CheckTally<RequirementCheck, RunRecord> tally, RunRecord? problem)
    {
        var id = requirement.Id;
        if (tally.FirstFailure is { } failing)
        {
            var (run, outcome, steps) = Shrinking.Shrink(implementation, tally.Check, failing, tally.FailureOutcome, options.StepBudget, options.ShrinkBudget);
            var replays = Math.Max(1, options.FlakyReplays);
            var failed = Shrinking.Replay(implementation, tally.Check, run.Scenario, replays, options.StepBudget);
            var example = new Counterexample(
                Headline(requirement), run.Scenario.Describe(), ScenarioJson.SerializeCompact(run.Scenario),
                Trace.Excerpt(run.Events, outcome.EventIndex), outcome.Message ?? "(no message)", ReplayLine(id, run.Scenario),
                run.Scenario.PacketCount, steps, failed, replays);
            return new RequirementResult(id, failed == replays ? Verdict.Fail : Verdict.Flaky, tally.Run, tally.Exercised, outcome.Message, example);
        }
        if (tally.Check is InformationalCheck || requirement.Level == RequirementLevel.Info)
        {
            var seen = tally.Observations.Count == 0
                ? tally.Exercised == 0 ? "not observed in any scenario" : $"held on {tally.Exercised} scenario(s)"
                : string.Join("; ", tally.Observations.OrderByDescending(o => o.Value).Select(o => $"{o.Key} ({o.Value} scenario(s))"));
            return new RequirementResult(id, Verdict.Informational, tally.Run, tally.Exercised, seen, null);
        }
        if (problem is not null)
        {
            var verdict = problem.Outcome switch { RunOutcome.Timeout => Verdict.Timeout, RunOutcome.Crash => Verdict.Crash, _ => Verdict.HarnessError };
            return new RequirementResult(id, verdict, tally.Run, tally.Exercised,
                $"{problem.Outcome}: {problem.OutcomeDetail}; replay: {ReplayLine(id, problem.Scenario)}", null);
        }
        if (tally.Exercised == 0)
            return new RequirementResult(id, Verdict.Untested, tally.Run, 0, $"no generated scenario exercised it ({tally.Run} run)", null);
        return new RequirementResult(id, Verdict.Pass, tally.Run, tally.Exercised, null, null);
    }

    private static string Headline(Requirement r) => $"{r.Id} ({r.LevelLabel}): {r.Statement}";

    // A rule the catalog gives a ring check (and no channel check) is judged by the ring-level suite, which writes its own report.
    private static string UntestedReason(Requirement r) =>
        r.Reason is { Length: > 0 } reason ? $"{r.Verification.Format()}: {reason}"
        : !r.IsJudgedAt(CheckLevels.Channel) && r.CheckAt(CheckLevels.Ring) is { } name
            ? $"{r.Verification.Format()}: judged by the ring-level suite ({name}): see {ReportFiles.RingStem}"
            : $"{r.Verification.Format()}: no check in this engine yet";

    private static string NotApplicableReason(RequirementCheck check, Requirement requirement, ImplementationInfo info)
    {
        var needs = check.Needs | requirement.RequiredCapabilities;
        var missing = Enum.GetValues<ChannelCapabilities>().Where(c => c != ChannelCapabilities.None && needs.HasFlag(c) && !info.Has(c));
        var parts = missing.Select(c => $"capability {c} not declared").ToList();
        if ((check.Profile ?? requirement.RequiredProfile) is { } profile && profile != info.Profile) parts.Add($"rule concerns the {profile} profile, implementation speaks {info.Profile}");
        return string.Join("; ", parts);
    }

    private static (List<Requirement> Selected, List<string> FilteredOut) Select(RequirementCatalog catalog, SuiteOptions options)
    {
        var selected = catalog.Requirements.Where(options.Selects).ToList();
        return (selected, catalog.Requirements.Where(r => !options.Selects(r)).Select(r => r.Id).ToList());
    }
}

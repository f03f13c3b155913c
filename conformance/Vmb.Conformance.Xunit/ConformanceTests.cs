using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;
using Xunit;
using Xunit.Abstractions;

namespace Vmb.Conformance.Xunit;

/// <summary>
/// What every level's xunit base class shares (<see cref="ChannelConformanceTests"/>, <see cref="RingConformanceTests"/>):
/// one test per requirement the level lists, named TCK style (required_…, optional_…, untested_…), the suite run once
/// per derived class by the engine core. Pass → pass; fail, flaky, timeout, crash, harness-error, and a MUST rule no
/// scenario exercised (D26) → fail with the requirement, its statement, the shrunk scenario and the replay line;
/// not-applicable, informational, untested and an unexercised optional rule → pass with the reason written to the
/// test output. Those are not counted as passes in the reports.
/// </summary>
public abstract class ConformanceTests : IClassFixture<SuiteRun>
{
    private readonly SuiteRun _run;
    private readonly ITestOutputHelper _output;

    /// <summary>Called by xunit through the derived class's constructor.</summary>
    protected ConformanceTests(SuiteRun run, ITestOutputHelper output)
    {
        _run = run ?? throw new ArgumentNullException(nameof(run));
        _output = output ?? throw new ArgumentNullException(nameof(output));
    }

    /// <summary>Runs the level's suite through the engine core; called once per test class.</summary>
    private protected abstract SuiteResult RunSuite(SuiteOptions options, RequirementCatalog catalog);

    /// <summary>How the suite runs (scenario count, seed, filters by ID, area, level — D20); the engine's defaults unless overridden.</summary>
    protected virtual SuiteOptions Options => new();

    /// <summary>The catalog judged against; the one embedded in Vmb.Spec unless overridden.</summary>
    protected virtual RequirementCatalog Catalog => RequirementCatalog.Load();

    /// <summary>The suite's result for this class (runs it on first use).</summary>
    protected SuiteResult Result => _run.GetOrRun(() => RunSuite(Options, JudgedCatalog));

    // Loaded once per class like the result, however many tests ask.
    private RequirementCatalog JudgedCatalog => _run.GetOrLoadCatalog(() => Catalog);

    /// <summary>The body of every required_ and optional_ test.</summary>
    protected void Judge(string requirementId)
    {
        var result = Result;
        var requirement = JudgedCatalog.Find(requirementId)
            ?? throw new InvalidOperationException($"{requirementId} is not in catalog {JudgedCatalog.CatalogVersion}; regenerate the tests with `vmb-conformance generate-xunit`");
        var row = result.Results.FirstOrDefault(r => r.RequirementId == requirementId);
        if (row is null)
        {
            _output.WriteLine($"{requirementId}: filtered out by the suite options (D20); not judged");
            return;
        }
        switch (row.Verdict)
        {
            case Verdict.Pass:
                return;
            case Verdict.Fail or Verdict.Flaky or Verdict.Timeout or Verdict.Crash or Verdict.HarnessError:
                Assert.Fail(FailureMessage(requirement, row));
                return;
            case Verdict.NotExercised when requirement.CountsForConformance:
                // No evidence is not a pass (D26): a MUST rule its check never saw fails the test, naming the remedy.
                Assert.Fail($"{requirementId} ({requirement.LevelLabel}): {requirement.Statement}{Environment.NewLine}" +
                            $"not exercised: {row.Detail}; raise Options.Scenarios (now {result.ScenariosGenerated})");
                return;
            default:
                _output.WriteLine($"{requirementId} ({requirement.LevelLabel}): {row.Verdict} — {row.Detail ?? "no detail"} (not counted as a pass in the reports)");
                return;
        }
    }

    /// <summary>The body of every untested_ test: the catalog (or, for a rule meant to be checked, the suite) must say why it is not judged.</summary>
    protected void Untested(string requirementId)
    {
        var requirement = JudgedCatalog.Find(requirementId)
            ?? throw new InvalidOperationException($"{requirementId} is not in catalog {JudgedCatalog.CatalogVersion}; regenerate the tests with `vmb-conformance generate-xunit`");
        if (requirement.Verification != Verification.Check)
        {
            Assert.False(string.IsNullOrWhiteSpace(requirement.Reason), $"{requirementId}: the catalog marks it {requirement.Verification.Format()} without a reason");
            _output.WriteLine($"{requirementId} ({requirement.LevelLabel}): {requirement.Verification.Format()}: {requirement.Reason}");
            return;
        }
        var row = Result.Results.FirstOrDefault(r => r.RequirementId == requirementId);
        if (row is null)
        {
            _output.WriteLine($"{requirementId}: filtered out by the suite options (D20); not judged");
            return;
        }
        Assert.False(string.IsNullOrWhiteSpace(row.Detail), $"{requirementId}: verdict {row.Verdict} with no reason recorded");
        _output.WriteLine($"{requirementId} ({requirement.LevelLabel}): {row.Verdict}: {row.Detail}");
    }

    /// <summary>
    /// Replays a counterexample against this class's implementation: <paramref name="scenarioJson"/> is the
    /// scenario of a failure message (the text after --scenario in its replay line). The printed
    /// `vmb-conformance replay` line itself runs the reference; this runs yours.
    /// </summary>
    protected ReplayOutcome Replay(string scenarioJson, string requirementId) => ReplayScenario(scenarioJson, requirementId, Options);

    /// <summary>The level's replay through the engine core.</summary>
    private protected abstract ReplayOutcome ReplayScenario(string scenarioJson, string requirementId, SuiteOptions options);

    /// <summary>ID and statement first, then what broke, the shrunk scenario, the trace and the replay line.</summary>
    public static string FailureMessage(Requirement requirement, RequirementResult row)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(row);
        if (row.Counterexample is { } example) return $"{example}{Environment.NewLine}(verdict: {row.Verdict})";
        return $"{requirement.Id} ({requirement.LevelLabel}): {requirement.Statement}{Environment.NewLine}{row.Verdict}: {row.Detail ?? "no detail"}";
    }
}

using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Suite.Tests.Reports;
using Vmb.Faulty.Faults;
using Vmb.Faulty.Rings;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// D27: a run judged on several workers gives the report of the same run on one, byte for byte once its timings and
/// the concurrency slice's interleaving figures are scrubbed — failures, roots, shrunk counterexamples and counts alike.
/// (The approved report snapshots are judged on two workers too.)
/// </summary>
public sealed class WorkersTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();
    private static readonly SuiteOptions Options = new() { Scenarios = 300, FlakyReplays = 2, ShrinkBudget = 120 };

    public static TheoryData<string> Implementations() => ["reference ring", "wrong-trailer", "BufferIncludesDescriptor"];

    private static SuiteResult Run(string name, int workers) => name switch
    {
        "reference ring" => RingConformanceRunner.Run(new ReferenceRing(), Options with { Workers = workers }, Catalog),
        "wrong-trailer" => RingConformanceRunner.Run(BrokenRing.WrongTrailer(new ReferenceRing()), Options with { Workers = workers }, Catalog),
        _ => ConformanceRunner.Run(new BufferIncludesDescriptor(new ReferenceChannelImplementation()), Options with { Workers = workers }, Catalog),
    };

    [Theory]
    [MemberData(nameof(Implementations))]
    public void D27_three_workers_give_the_report_of_one(string implementation)
    {
        var one = Run(implementation, 1);
        var three = Run(implementation, 3);
        Assert.Equal(Options.Scenarios, three.ScenariosGenerated);
        Assert.Equal(ApprovedReportSnapshotTests.ScrubJson(JsonReport.Render(one, Catalog)), ApprovedReportSnapshotTests.ScrubJson(JsonReport.Render(three, Catalog)));
        Assert.Equal(ApprovedReportSnapshotTests.ScrubMarkdown(MarkdownReport.Render(one, Catalog)), ApprovedReportSnapshotTests.ScrubMarkdown(MarkdownReport.Render(three, Catalog)));
        // Not two passing runs compared: the broken implementations fail their rule with a shrunk counterexample.
        if (implementation != "reference ring") Assert.Contains(three.Results, r => r.Verdict == Verdict.Fail && r.IsRoot && r.Counterexample!.ShrinkSteps > 0);
    }

    [Fact]
    public void D27_a_run_over_scenarios_another_run_generated_gets_the_report_it_gets_alone()
    {
        var shared = new SharedScenarios();
        RingConformanceRunner.Run(new ReferenceRing(), Options with { SharedScenarios = shared }, Catalog);
        Assert.Equal(Options.Scenarios, shared.Count);
        var reusing = RingConformanceRunner.Run(BrokenRing.WrongTrailer(new ReferenceRing()), Options with { SharedScenarios = shared }, Catalog);
        Assert.Equal(Options.Scenarios, shared.Count); // nothing generated again
        Assert.Equal(ApprovedReportSnapshotTests.ScrubJson(JsonReport.Render(Run("wrong-trailer", 1), Catalog)),
            ApprovedReportSnapshotTests.ScrubJson(JsonReport.Render(reusing, Catalog)));
    }

    [Fact]
    public void D27_a_duration_budget_cuts_a_parallel_run_at_a_prefix_of_the_stream()
    {
        var result = RingConformanceRunner.Run(new ReferenceRing(), Options with { Workers = 2, Scenarios = 1_000_000, Duration = TimeSpan.FromMilliseconds(300) }, Catalog);
        Assert.InRange(result.ScenariosGenerated, 1, 999_999);
        Assert.Contains($"after {result.ScenariosGenerated} of 1000000 scenarios", result.StoppedOnBudget);
        // Every rule judged on every scenario of the prefix: the counts are those of a run of exactly that many scenarios.
        var prefix = RingConformanceRunner.Run(new ReferenceRing(), Options with { Scenarios = result.ScenariosGenerated }, Catalog);
        Assert.Equal(prefix.Results.Select(r => (r.RequirementId, r.ScenariosRun, r.ScenariosExercised)), result.Results.Select(r => (r.RequirementId, r.ScenariosRun, r.ScenariosExercised)));
    }
}

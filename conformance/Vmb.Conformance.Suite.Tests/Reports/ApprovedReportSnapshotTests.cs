using System.Text.RegularExpressions;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Reports.Html;
using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Kmcl;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Suite.Tests.Reports;

/// <summary>
/// The reference's reports for a fixed seed and scenario count must equal the approved copies in
/// fixtures/reports/, timestamps and durations scrubbed. A plain file compare, not a snapshot library: Verify
/// does not restore here, and Snapshooter creates a missing snapshot and passes, which would let a deleted
/// approval go unnoticed. To approve a deliberate change, run the tests with VMB_APPROVE_REPORTS=1 and commit
/// the rewritten files (a mismatch also leaves *.received.* beside them for diffing).
/// </summary>
public partial class ApprovedReportSnapshotTests
{
    // The default count: the approved report is what a user's first run shows, a CONFORMANT verdict with its evidence (D26).
    private const int Scenarios = 2000;
    private const ulong Seed = 0x5EED;

    [GeneratedRegex(@"^\| Started \(UTC\) \| .* \|$", RegexOptions.Multiline)]
    private static partial Regex MarkdownStarted();

    [GeneratedRegex(@"^\| Duration \| .* \|$", RegexOptions.Multiline)]
    private static partial Regex MarkdownDuration();

    [GeneratedRegex(@"""startedAt"": ""[^""]*""")]
    private static partial Regex JsonStarted();

    [GeneratedRegex(@"""durationMs"": [0-9]+")]
    private static partial Regex JsonDuration();

    // What the concurrency slice saw depends on the interleavings the machine produced; the count of its runs does not.
    [GeneratedRegex(@"^\| (threads:(?!runs )[a-z-]+) \| [0-9]+ \|", RegexOptions.Multiline)]
    private static partial Regex MarkdownThreads();

    [GeneratedRegex(@"""(threads:(?!runs"")[a-z-]+)"": [0-9]+")]
    private static partial Regex JsonThreads();

    // Judged on two workers: the approved copies were made on one, so every comparison also shows the result does not
    // depend on the number of workers (D27).
    private static readonly Lazy<SuiteResult> Run = new(() =>
        ConformanceRunner.Run(new ReferenceChannelImplementation(), new SuiteOptions { Scenarios = Scenarios, Seed = Seed, Workers = 2 }, RequirementCatalog.Load()));

    public static string ScrubMarkdown(string text) =>
        MarkdownThreads().Replace(MarkdownDuration().Replace(MarkdownStarted().Replace(text, "| Started (UTC) | (scrubbed) |"), "| Duration | (scrubbed) |"),
            "| $1 | (scrubbed) |");

    public static string ScrubJson(string text) =>
        JsonThreads().Replace(JsonDuration().Replace(JsonStarted().Replace(text, "\"startedAt\": \"(scrubbed)\""), "\"durationMs\": 0"), "\"$1\": 0");

    [Fact]
    public void Reference_markdown_report_matches_the_approved_copy() =>
        Compare("reference-raw.report.md", ScrubMarkdown(MarkdownReport.Render(Result(), RequirementCatalog.Load())));

    [Fact]
    public void Reference_json_report_matches_the_approved_copy() =>
        Compare("reference-raw.report.json", ScrubJson(JsonReport.Render(Result(), RequirementCatalog.Load())));

    [Fact]
    public void Reference_junit_report_matches_the_approved_copy() =>
        Compare("reference-raw.report.junit.xml", JunitReport.Render(Result(), RequirementCatalog.Load()));

    [Fact]
    public void Reference_html_dashboard_matches_the_approved_copy() =>
        Compare("reference-raw.report.html", HtmlDashboard.Render([new DashboardEntry(SettledThreadCounts(Result()), "reference-raw.report")], RequirementCatalog.Load()));

    [Fact]
    public void Reference_badge_matches_the_approved_copy() =>
        Compare("reference-raw.report.svg", Badge.Render(Result(), RequirementCatalog.Load()));

    // The dashboard shows the coverage table in the model, so the machine-dependent slice figures are settled there:
    // each becomes 1, still reached, so the verdict on the page is the run's.
    private static SuiteResult SettledThreadCounts(SuiteResult result) => result with
    {
        GeneratorCoverage = result.GeneratorCoverage.ToDictionary(kv => kv.Key, kv => kv.Key.StartsWith("threads:", StringComparison.Ordinal) && kv.Key != "threads:runs" && kv.Value > 0 ? 1 : kv.Value),
    };

    [Fact]
    public void Scrubbing_removes_only_the_volatile_fields()
    {
        var md = ScrubMarkdown("| Seed | 1 |\n| Started (UTC) | 2026-01-01 00:00:00 |\n| Duration | 3.2 s |\n");
        Assert.Equal("| Seed | 1 |\n| Started (UTC) | (scrubbed) |\n| Duration | (scrubbed) |\n", md);
        Assert.Equal("{\"seed\": 5, \"startedAt\": \"(scrubbed)\", \"durationMs\": 0}", ScrubJson("{\"seed\": 5, \"startedAt\": \"2026-01-01T00:00:00Z\", \"durationMs\": 812}"));
        Assert.Equal("| threads:runs | 80 |  |\n| threads:distinct-event-orders | (scrubbed) |  |\n",
            ScrubMarkdown("| threads:runs | 80 |  |\n| threads:distinct-event-orders | 61 |  |\n"));
        Assert.Equal("{\"threads:runs\": 80, \"threads:answers-on-several-threads\": 0}",
            ScrubJson("{\"threads:runs\": 80, \"threads:answers-on-several-threads\": 37}"));
    }

    private static SuiteResult Result()
    {
        var result = Run.Value;
        Assert.True(result.ScenariosGenerated == Scenarios,
            $"the approved reports are for {Scenarios} scenarios; unset {SuiteOptions.ScenariosVariable} (it made the run generate {result.ScenariosGenerated})");
        return result;
    }

    private static void Compare(string name, string actual)
    {
        if (ApprovedFile.Check(RepositoryFiles.Path("fixtures/reports/" + name), actual, Environment.GetEnvironmentVariable("VMB_APPROVE_REPORTS") == "1") is { } problem)
            Assert.Fail(problem);
    }
}

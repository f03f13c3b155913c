using Vmb.Faulty.Rings;
using Vmb.Conformance.Cli;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>The ring-level half of the command line: `run` judges the reference ring too, `replay --level ring` replays its counterexamples.</summary>
public sealed class RingCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vmb-ringcli-tests-" + Guid.NewGuid().ToString("N"));

    public RingCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void D27_run_jobs_judges_scenarios_in_parallel_with_the_report_of_one_job()
    {
        string Report(string jobs)
        {
            var outDir = Path.Combine(_folder, "jobs-" + jobs);
            var r = CliHarness.Run("run", "--level", "ring", "--fault", "wrong-trailer", "--scenarios", "200", "--jobs", jobs, "--out", outDir);
            Assert.True(r.Code == 1, r.Out + r.Err);
            return Reports.ApprovedReportSnapshotTests.ScrubJson(File.ReadAllText(Path.Combine(outDir, "ring-conformance-report.json")));
        }
        Assert.Equal(Report("1"), Report("2"));
        CliHarness.AssertUsageError(CliHarness.Run("run", "--level", "ring", "--jobs", "0", "--out", Path.Combine(_folder, "never")), "--jobs: '0' is not a whole number");
        CliHarness.AssertUsageError(CliHarness.Run("run", "--testee", "./nowhere", "--jobs", "2", "--out", Path.Combine(_folder, "never")), "--jobs: a testee is one process");
    }

    [Fact]
    public void D14_default_run_on_the_reference_judges_channel_and_ring_writes_four_reports_and_exits_0()
    {
        var outDir = Path.Combine(_folder, "out");
        // The default run of both levels, the command's first use; it stands for a default channel run too.
        var r = CliHarness.Run("run", "--out", outDir, "--seed", "7");
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.StartsWith("CONFORMANT", r.Out, StringComparison.Ordinal);
        Assert.Contains("| Seed | 7 |", File.ReadAllText(Path.Combine(outDir, "conformance-report.md")));
        Assert.Contains("\"conformant\": true", File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        var summaries = r.Out.Split('\n').Where(l => l.StartsWith("CONFORMANT", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, summaries.Count);
        Assert.Contains(summaries, l => l.Contains(new ReferenceRing().Name, StringComparison.Ordinal));
        foreach (var name in new[] { "conformance-report.md", "conformance-report.json", "ring-conformance-report.md", "ring-conformance-report.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), name);
        var ringJson = File.ReadAllText(Path.Combine(outDir, "ring-conformance-report.json"));
        Assert.Contains("\"conformant\": true", ringJson);
        // Each level's report shows its own coverage situations only: the ring report knows nothing of packets and policies.
        var coverage = System.Text.Json.JsonDocument.Parse(ringJson).RootElement.GetProperty("generatorCoverage").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(RingLevel.Required.Order(), coverage.Order());
        Assert.DoesNotContain(coverage, c => c.StartsWith("packet:", StringComparison.Ordinal) || c.StartsWith("policy:", StringComparison.Ordinal));
        var channelJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json"))).RootElement;
        Assert.DoesNotContain(channelJson.GetProperty("generatorCoverage").EnumerateObject(), p => p.Name.StartsWith("fault ", StringComparison.Ordinal));
        // R-RING-2 has only a ring check: the channel report points at the ring report instead of claiming no check exists.
        var channel = File.ReadAllText(Path.Combine(outDir, "conformance-report.md"));
        Assert.Contains("check: judged at the ring level (ControlLayoutUntouchedCheck): see the ring report", channel);
    }

    [Fact]
    public void Run_with_a_channel_fault_skips_the_ring_suite()
    {
        var outDir = Path.Combine(_folder, "fault");
        var r = CliHarness.Run("run", "--out", outDir, "--scenarios", "20", "--fault", "BufferIncludesDescriptor");
        Assert.True(r.Code == 1, r.Out + r.Err);
        Assert.False(File.Exists(Path.Combine(outDir, "ring-conformance-report.md")));
        Assert.DoesNotContain(new ReferenceRing().Name, r.Out);
    }

    [Fact]
    public void R_SIG_1_printed_ring_replay_line_reproduces_on_the_broken_ring_and_holds_on_the_reference()
    {
        var broken = BrokenRing.SignalsAlways(new ReferenceRing());
        var result = RingConformanceRunner.Run(broken, new SuiteOptions { Scenarios = 200, Seed = 11, OnlyIds = ["R-SIG-1"] }, RequirementCatalog.Load());
        var sig1 = Assert.Single(result.Results);
        Assert.Equal(Verdict.Fail, sig1.Verdict);
        var args = CliTests.ShellWords(sig1.Counterexample!.ReplayCommand);
        Assert.Equal(["vmb-conformance", "replay", "--level", "ring"], args[..4]);

        var output = new StringWriter();
        var reproduced = ReplayCommand.Create(output, broken).Parse(args[2..]).Invoke();
        Assert.True(reproduced == 1, output.ToString());
        Assert.StartsWith("R-SIG-1: FAILURE REPRODUCED", output.ToString(), StringComparison.Ordinal);

        var held = CliHarness.Run(args[1..]);
        Assert.True(held.Code == 0, held.Out + held.Err);
        Assert.StartsWith("R-SIG-1: held", held.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_at_the_ring_level_reads_a_scenario_file_and_reports_bad_input_in_one_line()
    {
        var file = Path.Combine(_folder, "ring.json");
        File.WriteAllText(file, RingConformanceRunner.ScenarioAt(5, 0).ToJson());
        var r = CliHarness.Run("replay", "--level", "ring", file, "--requirement", "R-DESC-7");
        Assert.True(r.Code == 0, r.Out + r.Err);

        CliHarness.AssertUsageError(CliHarness.Run("replay", "--level", "ring", "--scenario", "{ not json", "--requirement", "R-DESC-7"), "--scenario");
        File.WriteAllText(file, "{ \"DataSize\": 7 }");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--level", "ring", file, "--requirement", "R-DESC-7"), "ring.json");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--level", "ring", Path.Combine(_folder, "missing.json"), "--requirement", "R-DESC-7"), "missing.json");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--level", "ring", "--scenario", "{}", "--requirement", "R-PP-5"), "R-PP-5");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--level", "MUST", "--scenario", "{}", "--requirement", "R-PP-5"), "--requirement-level");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--scenario", "{}", "--requirement", "R-RING-99"), "no check judges");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--level", "ring", "--requirement", "R-DESC-7"), "no scenario given");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--level", "ring", "--scenario", "{}"), "--requirement");
    }
}

using Vmb.Conformance.Cli;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Xunit;
using Vmb.Kmcl;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Suite.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vmb-cli-tests-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void D26_run_with_one_scenario_exits_3_and_names_the_MUST_rules_never_exercised()
    {
        var outDir = Path.Combine(_folder, "one");
        var r = CliHarness.Run("run", "--out", outDir, "--scenarios", "1");
        Assert.True(r.Code == 3, r.Out + r.Err);
        Assert.StartsWith("INCONCLUSIVE", r.Out, StringComparison.Ordinal);
        Assert.Contains("MUST / MUST NOT rule(s) were never exercised: ", r.Out);
        Assert.Contains("R-PP-1", r.Out.Split('\n').First(l => l.Contains("never exercised", StringComparison.Ordinal)));
        var json = File.ReadAllText(Path.Combine(outDir, JsonReport.FileName));
        Assert.Contains("\"verdict\": \"inconclusive\"", json);
        Assert.Contains("\"not-exercised\"", json);
    }

    [Fact]
    public void D30_help_prints_the_exit_code_table()
    {
        var r = CliHarness.Run("--help");
        Assert.True(r.Code == 0, r.Out + r.Err);
        foreach (var (code, meaning) in ExitCodes.Table) Assert.Contains($"{code}  {meaning}", r.Out);
    }

    [Fact]
    public void D14_run_against_a_broken_fixture_exits_1_and_its_printed_replay_line_reproduces_the_failure()
    {
        var outDir = Path.Combine(_folder, "broken");
        var r = CliHarness.Run("run", "--out", outDir, "--scenarios", "40", "--fault", "BufferIncludesDescriptor");
        Assert.True(r.Code == 1, r.Out + r.Err);
        Assert.StartsWith("NOT CONFORMANT", r.Out, StringComparison.Ordinal);
        Assert.Contains("FAIL R-PP-5 (MUST)", r.Out);
        var md = File.ReadAllText(Path.Combine(outDir, MarkdownReport.FileName));
        var line = md.Split('\n').First(l => l.StartsWith("vmb-conformance replay --level channel --requirement R-PP-5 ", StringComparison.Ordinal));
        // Run exactly as printed: the line names the fixture.
        var args = ShellWords(line)[1..];
        Assert.Contains("--fault BufferIncludesDescriptor", line);
        var reproduced = CliHarness.Run(args);
        Assert.True(reproduced.Code == 1, reproduced.Out + reproduced.Err);
        Assert.StartsWith("R-PP-5: FAILURE REPRODUCED", reproduced.Out, StringComparison.Ordinal);
        var unbroken = args.Where((_, i) => args[i] != "--fault" && (i == 0 || args[i - 1] != "--fault")).ToArray();
        Assert.Equal(0, CliHarness.Run(unbroken).Code); // the same scenario on the unbroken reference: the rule holds
        CliHarness.AssertUsageError(CliHarness.Run("run", "--fault", "NoSuchBug"), "--fault: 'NoSuchBug'");
    }

    [Fact]
    public void D20_run_with_filters_lists_what_was_filtered_out()
    {
        var outDir = Path.Combine(_folder, "filtered");
        var r = CliHarness.Run("run", "--out", outDir, "--scenarios", "10", "--area", "PP", "--requirement-level", "MUST", "--profile", "pipe");
        // Ten scenarios are too few to reach every required situation: nothing failed, but the run is inconclusive (D26).
        Assert.True(r.Code == 3, r.Out + r.Err);
        var md = File.ReadAllText(Path.Combine(outDir, MarkdownReport.FileName));
        Assert.Contains("not selected by the --only / --area / --requirement-level filter", md);
        Assert.Contains("| Framing profile | pipe |", md);
    }

    [Theory]
    [InlineData("--bogus", "'--bogus'")]
    [InlineData("--scenarios abc", "--scenarios: 'abc'")]
    [InlineData("--scenarios -4", "--scenarios")]
    [InlineData("--seed 12x", "--seed: '12x'")]
    [InlineData("--profile kmcl-sim", "--profile: 'kmcl-sim'")]
    [InlineData("--only R-NOPE-1", "--only: 'R-NOPE-1'")]
    [InlineData("--area XYZ", "--area: 'XYZ'")]
    [InlineData("--requirement-level OFTEN", "--requirement-level: 'OFTEN'")]
    [InlineData("--level MUST", "--requirement-level")]
    [InlineData("--level wire", "--level: 'wire'")]
    public void Bad_run_arguments_give_one_line_naming_the_option_and_exit_2(string arguments, string mentions) =>
        CliHarness.AssertUsageError(CliHarness.Run(["run", .. arguments.Split(' ')]), mentions);

    [Fact]
    public void Unknown_flag_names_the_command_it_was_given_to_and_an_empty_out_folder_is_a_usage_error()
    {
        CliHarness.AssertUsageError(CliHarness.Run("list", "--frob"), "vmb-conformance list: ");
        CliHarness.AssertUsageError(CliHarness.Run("run", "--out", " ", "--scenarios", "1"), "no output folder given");
    }

    [Fact]
    public void Help_prints_the_commands_and_exits_0()
    {
        var r = CliHarness.Run("--help");
        Assert.Equal(0, r.Code);
        foreach (var command in new[] { "run", "replay", "list", "generate-xunit" }) Assert.Contains(command, r.Out);
        Assert.Equal(0, CliHarness.Run("run", "--help").Code);
    }

    [Fact]
    public void Unknown_command_and_missing_command_exit_2()
    {
        CliHarness.AssertUsageError(CliHarness.Run("frobnicate"), "'frobnicate'");
        CliHarness.AssertUsageError(CliHarness.Run(), "commands: run, replay, compare, report, merge, list, generate-xunit");
    }

    [Fact]
    public void Unwritable_output_folder_is_a_usage_error_naming_the_path()
    {
        var occupied = Path.Combine(_folder, "file");
        File.WriteAllText(occupied, "x");
        CliHarness.AssertUsageError(CliHarness.Run("run", "--out", occupied, "--scenarios", "1"), occupied);
    }

    [Fact]
    public void Replay_line_printed_by_the_engine_runs_as_printed()
    {
        var scenario = new ChannelLevel(new ReferenceChannelImplementation()).Generate(Engine.ScenarioSeed.For(3, 0));
        var line = ConformanceRunner.ReplayLine("R-PP-5", scenario);
        var args = ShellWords(line);
        Assert.Equal("vmb-conformance", args[0]);
        var r = CliHarness.Run(args[1..]);
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.StartsWith("R-PP-5: ", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_reads_a_scenario_file_and_reports_bad_files_in_one_line()
    {
        var scenario = new ChannelLevel(new ReferenceChannelImplementation()).Generate(Engine.ScenarioSeed.For(3, 1));
        var file = Path.Combine(_folder, "s.json");
        File.WriteAllText(file, ScenarioJson.Serialize(scenario));
        var r = CliHarness.Run("replay", file, "--requirement", "R-CMPL-1");
        Assert.True(r.Code == 0, r.Out + r.Err);

        CliHarness.AssertUsageError(CliHarness.Run("replay", Path.Combine(_folder, "missing.json"), "--requirement", "R-PP-5"), "missing.json");
        File.WriteAllText(file, "{ \"steps\": 7 }");
        CliHarness.AssertUsageError(CliHarness.Run("replay", file, "--requirement", "R-PP-5"), "s.json");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--scenario", "{}", "--requirement", "R-NOPE-9"), "R-NOPE-9");
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--scenario", "{}"), "--requirement");
    }

    [Fact]
    public void List_prints_every_requirement_and_filters_by_area()
    {
        var all = CliHarness.Run("list");
        Assert.Equal(0, all.Code);
        Assert.Equal(RequirementCatalog.Load().Requirements.Count + 1, all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var cmpl = CliHarness.Run("list", "--area", "CMPL").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(cmpl);
        Assert.All(cmpl, l => Assert.StartsWith("R-CMPL-", l, StringComparison.Ordinal));
        var mal3 = CliHarness.Run("list", "--area", "MAL").Out.Split('\n').Single(l => l.StartsWith("R-MAL-3 ", StringComparison.Ordinal));
        Assert.Contains("check:channel+ring", mal3);
    }

    [Fact]
    public void Generate_xunit_writes_the_files_the_staleness_test_expects_and_refuses_a_wrong_root()
    {
        foreach (var target in GeneratedTests.Targets()) Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_folder, target.RelativePath))!);
        var r = CliHarness.Run("generate-xunit", "--root", _folder);
        Assert.True(r.Code == 0, r.Out + r.Err);
        foreach (var target in GeneratedTests.Targets())
            Assert.Equal(File.ReadAllText(RepositoryFiles.Path(target.RelativePath)).Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(_folder, target.RelativePath)));
        CliHarness.AssertUsageError(CliHarness.Run("generate-xunit", "--root", Path.Combine(_folder, "nowhere")), "does not exist");
    }

    /// <summary>Splits a replay line the way a POSIX shell would for the quoting the engine uses (single quotes).</summary>
    internal static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var ch in line)
        {
            if (ch == '\'') { quoted = !quoted; any = true; }
            else if (ch == ' ' && !quoted) { if (any) words.Add(word.ToString()); word.Clear(); any = false; }
            else { word.Append(ch); any = true; }
        }
        if (any) words.Add(word.ToString());
        return [.. words];
    }
}

using System.Text.RegularExpressions;
using Vmb.Conformance.Cli;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>`run --all` (D30): the references and the fixtures judged into one folder with the matrix; exit 0 only when each showed what it declares.</summary>
public sealed partial class RunAllTests : IDisposable
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();
    // Ring runs are cheap: the reference ring, a broken ring with one root and one with a second declared root. What a
    // channel fixture is held to is FixtureExpectationTests' subject; the command's channel path is CliTests'.
    private static readonly string[] Few = ["reference-ring", "broken-ring-wrong-trailer", "broken-ring-fast-path-drops-flags"];
    private readonly string _folder = Directory.CreateTempSubdirectory("vmb-run-all-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Code, string Out) RunAll(string name, int scenarios, int jobs)
    {
        var output = new StringWriter();
        var code = AllRuns.Run(new SuiteOptions { Scenarios = scenarios, FlakyReplays = 1, ShrinkBudget = 100 }, FramingProfile.Raw, jobs, Path.Combine(_folder, name), Catalog, output, Progress.Silent, [], Few.Contains);
        return (code, output.ToString());
    }

    [GeneratedRegex(@"^\| (Started \(UTC\)|Duration) \| .* \|$|^\| (threads:(?!runs )[a-z-]+) \| [0-9]+ \|", RegexOptions.Multiline)]
    private static partial Regex Volatile();

    [Fact]
    public void D30_the_reference_conformant_and_each_fixture_failing_its_rule_is_exit_0_with_every_format_and_the_matrix()
    {
        var (code, output) = RunAll("serial", 2000, jobs: 1);
        Assert.True(code == 0, output);
        var files = Directory.GetFiles(Path.Combine(_folder, "serial")).Select(Path.GetFileName).ToHashSet();
        foreach (var stem in Few)
            foreach (var ext in new[] { ".md", ".json", ".junit.xml", ".html", ".svg" })
                Assert.Contains(stem + ext, files);
        Assert.Contains("index.html", files);
        // Every JSON result the command writes is a report of spec/report.schema.json.
        var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "report.schema.json"))).RootElement;
        foreach (var stem in Few)
        {
            var errors = Reports.SchemaCheck.Validate(schema, System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "serial", stem + ".json"))).RootElement);
            Assert.True(errors.Count == 0, stem + ": " + string.Join(Environment.NewLine, errors));
        }
        Assert.Contains("as expected: broken-ring-wrong-trailer: NOT CONFORMANT; breaks R-DESC-7", output);
        Assert.Contains("as expected: broken-ring-fast-path-drops-flags: NOT CONFORMANT; breaks R-DESC-2, R-DESC-5", output);
        var index = File.ReadAllText(Path.Combine(_folder, "serial", "index.html"));
        Assert.Equal(Few.Length, index.Split("<th class=\"impl\"").Length - 1);

    }

    [Fact]
    public void The_reports_do_not_depend_on_the_number_of_jobs()
    {
        // Two workers judge the same scenarios: every report is the same but for its time stamps and the slice's interleavings.
        var one = RunAll("one", 300, jobs: 1);
        var two = RunAll("two", 300, jobs: 2);
        Assert.Equal(one.Code, two.Code);
        foreach (var stem in Few)
            Assert.Equal(Volatile().Replace(File.ReadAllText(Path.Combine(_folder, "one", stem + ".md")), ""),
                Volatile().Replace(File.ReadAllText(Path.Combine(_folder, "two", stem + ".md")), ""));
    }

    [Fact]
    public void A_broken_rings_replay_line_names_it_and_reproduces_the_failure_as_printed()
    {
        var dir = Path.Combine(_folder, "ring-fault");
        var run = CliHarness.Run("run", "--fault", "wrong-trailer", "--scenarios", "300", "--out", dir);
        Assert.True(run.Code == 1, run.Out + run.Err);
        Assert.False(File.Exists(Path.Combine(dir, "conformance-report.json")), "a broken ring is judged at the ring level only");
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "ring-conformance-report.json")));
        var replay = report.RootElement.GetProperty("requirements").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "R-DESC-7").GetProperty("counterexample").GetProperty("replay").GetString()!;
        Assert.Contains("--fault wrong-trailer", replay);
        var scenario = replay[(replay.IndexOf("--scenario '", StringComparison.Ordinal) + "--scenario '".Length)..^1];
        var again = CliHarness.Run("replay", "--level", "ring", "--requirement", "R-DESC-7", "--fault", "wrong-trailer", "--scenario", scenario);
        Assert.True(again.Code == 1, again.Out + again.Err);
        Assert.True(CliHarness.Run("replay", "--level", "ring", "--requirement", "R-DESC-7", "--scenario", scenario).Code == 0, "the reference ring fails it too");
    }

    [Fact]
    public void A_testee_added_to_the_matrix_is_judged_through_the_protocol_and_expected_to_be_conformant()
    {
        var testee = TesteeRun.Parse($"ring={Testee.TesteeHosts.Command()}");
        Assert.Equal("testee-ring-dotnet-vmb-testee-host-dll", testee.Stem);
        var output = new StringWriter();
        var code = AllRuns.Run(new SuiteOptions { Scenarios = 2000 }, FramingProfile.Raw, 1, Path.Combine(_folder, "testee"), Catalog, output, Progress.Silent,
            [testee], stem => stem == testee.Stem);
        Assert.True(code == 0, output.ToString());
        Assert.Contains($"as expected: {testee.Stem}: CONFORMANT; conformant", output.ToString());
    }

    [Theory]
    [InlineData("nonsense", "is not LEVEL=COMMAND")]
    [InlineData("disk=./x", "disk")]
    [InlineData("ring=", "is not LEVEL=COMMAND")]
    public void A_malformed_added_testee_is_bad_input(string value, string named) =>
        CliHarness.AssertUsageError(CliHarness.Run("run", "--all", "--add-testee", value, "--out", Path.Combine(Path.GetTempPath(), "never-written")), named);

    [Fact]
    public void D30_a_run_too_short_to_show_the_fixtures_bugs_is_exit_1_and_names_what_was_not_as_expected()
    {
        var (code, output) = RunAll("short", 1, jobs: 2);
        Assert.True(code == 1, output);
        Assert.Matches(@"NOT AS EXPECTED: reference-ring: INCONCLUSIVE", output);
        Assert.Contains("not as expected", output.Split('\n')[^2]);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>What a newcomer hit in the first hour: each is now one clear line, or a console that says enough.</summary>
public sealed class NewcomerTrapTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vmb-traps-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--only", "requirement IDs")]
    [InlineData("--area", "areas")]
    [InlineData("--requirement-level", "requirement levels")]
    public void An_empty_filter_is_bad_input_not_everything_or_nothing(string option, string what) =>
        CliHarness.AssertUsageError(CliHarness.Run("run", option, "", "--out", Path.Combine(_folder, "never")), $"{option}: no {what} given");

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    public void A_bad_scenario_count_in_the_environment_is_bad_input_naming_the_variable(string value)
    {
        var error = Assert.Throws<Cli.UsageException>(() => Cli.Inputs.Scenarios(null, new SuiteOptions(), name => name == SuiteOptions.ScenariosVariable ? value : null));
        Assert.Contains($"{SuiteOptions.ScenariosVariable}: '{value}' is not a scenario count", error.Message);
        Assert.Equal(7, Cli.Inputs.Scenarios("7", new SuiteOptions(), _ => value));
        Assert.Equal(new SuiteOptions().Scenarios, Cli.Inputs.Scenarios(null, new SuiteOptions(), _ => null));
    }

    private static string Replayable(string change)
    {
        var scenario = JsonNode.Parse("""
            {"incomingDataSize":4096,"incomingStart":0,"outgoingDataSize":4096,"outgoingStart":0,
             "options":{"profile":"raw","passiveProcessing":false,"quota":0,"exCallbacks":false,"processingCompleteCallback":true,"clientContextSize":0,
                        "probeRegistration":false,"openedFails":false,"pauseBeforeEnable":false,"probeInitAfterEnable":false},
             "guestPages":[],"pageSets":[],
             "steps":[{"step":"write","kind":"inBand","malformation":"none","payload":"","transactionId":1,"completionRequested":true,"ranges":[],"pageSetId":0,
                       "policy":{"kind":"completeLater","response":"","delay":1,"defers":0,"readOnly":true}}],
             "schedulerSeed":0,"threaded":false}
            """)!;
        var policy = scenario["steps"]![0]!["policy"]!;
        switch (change)
        {
            case "payload": scenario["steps"]![0]!["payload"] = Convert.ToBase64String(new byte[5000]); break;
            case "delay": policy["delay"] = -3; break;
            case "response": policy["response"] = Convert.ToBase64String(new byte[5000]); break;
        }
        return scenario.ToJsonString();
    }

    [Theory]
    [InlineData("payload", "steps[0].payload")]
    [InlineData("delay", "steps[0].policy.delay")]
    [InlineData("response", "steps[0].policy.response")]
    public void A_replayed_scenario_with_an_impossible_value_is_bad_input_naming_the_field(string change, string field)
    {
        Assert.Equal(0, CliHarness.Run("replay", "--requirement", "R-PP-5", "--scenario", Replayable("none")).Code);
        CliHarness.AssertUsageError(CliHarness.Run("replay", "--requirement", "R-PP-5", "--scenario", Replayable(change)), field);
    }

    [Fact]
    public void The_console_shows_each_roots_statement_and_replay_line_once()
    {
        var r = CliHarness.Run("run", "--fault", "BufferIncludesDescriptor", "--scenarios", "60", "--out", Path.Combine(_folder, "out"));
        Assert.True(r.Code == 1, r.Out + r.Err);
        var lines = r.Out.ReplaceLineEndings("\n").Split('\n');
        var root = Array.FindIndex(lines, l => l.StartsWith("  FAIL R-PP-5 (MUST) fail: The first byte of Buffer", StringComparison.Ordinal));
        Assert.True(root >= 0, r.Out);
        Assert.StartsWith("       seen: ", lines[root + 1], StringComparison.Ordinal);
        Assert.StartsWith("       replay: vmb-conformance replay --level channel --requirement R-PP-5 --fault BufferIncludesDescriptor --scenario '", lines[root + 2], StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("replay --level channel --requirement R-PP-5", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duration_budget_stops_generation_and_the_report_says_so()
    {
        var dir = Path.Combine(_folder, "budget");
        var r = CliHarness.Run("run", "--level", "ring", "--scenarios", "1000000", "--duration", "0.5", "--out", dir);
        Assert.True(r.Code is 0 or 3, r.Out + r.Err);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "ring-conformance-report.json")));
        var generated = report.RootElement.GetProperty("scenariosGenerated").GetInt32();
        Assert.InRange(generated, 1, 999_999);
        Assert.Contains($"after {generated} of 1000000 scenarios", report.RootElement.GetProperty("stoppedOnBudget").GetString());
        Assert.Contains("The run stopped on its time budget", File.ReadAllText(Path.Combine(dir, "ring-conformance-report.md")));
        CliHarness.AssertUsageError(CliHarness.Run("run", "--duration", "-1"), "--duration: '-1' is not a time budget");
    }
}

using System.Diagnostics;
using System.Text.Json;
using Vmb.Conformance.Results;
using Vmb.Conformance.Testee.Protocol;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// `vmb-conformance run --testee "…" --level ring`: the report is stamped with what the testee declared, exit codes
/// follow D30 (a testee that cannot be started or fails the handshake is bad input: exit 2, one line), and an
/// interrupted run (Ctrl+C) leaves no child process and no shared file.
/// </summary>
public sealed class TesteeCliTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"vmb-testee-cli-{Guid.NewGuid():n}");

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public void Run_with_a_testee_stamps_the_report_with_its_declaration_and_exits_as_in_process()
    {
        var inProcess = CliHarness.Run("run", "--level", "ring", "--scenarios", "300", "--out", Path.Combine(_out, "in"));
        var r = CliHarness.Run("run", "--testee", TesteeHosts.Command(), "--level", "ring", "--scenarios", "300", "--step-limit", "10", "--out", _out);
        Assert.True(r.Code == inProcess.Code, r.Out + r.Err);
        Assert.Contains("declared vmb-reference-ring", r.Out);
        Assert.Contains("1 child process(es)", r.Out);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "ring-conformance-report.json")));
        var text = report.RootElement.ToString();
        Assert.Contains("vmb-reference-ring", text);
        Assert.Contains("StagedPublication", text);
        Assert.Equal(
            File.ReadAllLines(Path.Combine(_out, "in", "ring-conformance-report.md")).Where(l => !l.StartsWith("| Started", StringComparison.Ordinal) && !l.StartsWith("| Duration", StringComparison.Ordinal)),
            File.ReadAllLines(Path.Combine(_out, "ring-conformance-report.md")).Where(l => !l.StartsWith("| Started", StringComparison.Ordinal) && !l.StartsWith("| Duration", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_testee_command_that_is_not_found_is_bad_input() =>
        CliHarness.AssertUsageError(CliHarness.Run("run", "--testee", "no-such-testee-program", "--level", "ring", "--out", _out), "testee command not found");

    [Theory]
    [InlineData("channel", "--channel --misbehave exit --on complete", "R-LIFE-22", "conformance-report.json")]
    [InlineData("ring", "--misbehave exit --on write", "R-RING-15", "ring-conformance-report.json")]
    public void The_replay_line_of_a_testee_failure_reproduces_it_against_the_same_testee_command(string level, string switches, string rule, string file)
    {
        var run = CliHarness.Run("run", "--testee", TesteeHosts.Command(switches), "--level", level, "--scenarios", "3", "--only", rule, "--out", _out);
        Assert.True(run.Code == 1, run.Out + run.Err);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, file)));
        var failure = report.RootElement.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == rule);
        var line = failure.GetProperty("counterexample").GetProperty("replay").GetString()!;
        Assert.Contains("--testee '", line);
        // Run exactly as printed: the words a shell would pass, after the program name.
        var words = Vmb.Conformance.Testee.CommandLine.Split(line);
        Assert.Equal("vmb-conformance", words[0]);
        var replay = CliHarness.Run([.. words.Skip(1)]);
        Assert.True(replay.Code == 1, replay.Out + replay.Err);
        Assert.Contains($"{rule}: FAILURE REPRODUCED", replay.Out);
    }

    [Fact]
    public void A_failed_handshake_is_bad_input_and_writes_nothing()
    {
        CliHarness.AssertUsageError(CliHarness.Run("run", "--testee", TesteeHosts.Command("--lie version"), "--out", _out), $"protocol version {ProtocolConstants.Version + 1}");
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void A_ring_testee_asked_for_the_channel_level_is_bad_input() =>
        CliHarness.AssertUsageError(CliHarness.Run("run", "--testee", TesteeHosts.Command(), "--level", "channel", "--out", _out), "does not speak the channel level");

    [Fact]
    public void A_step_limit_without_a_testee_or_out_of_range_is_bad_input()
    {
        CliHarness.AssertUsageError(CliHarness.Run("run", "--step-limit", "5", "--out", _out), "only with --testee");
        CliHarness.AssertUsageError(CliHarness.Run("run", "--testee", TesteeHosts.Command(), "--step-limit", "0", "--out", _out), "--step-limit");
    }

    [Fact]
    public void A_crashing_testee_is_a_finding_not_conformant_exit_1()
    {
        var r = CliHarness.Run("run", "--testee", TesteeHosts.Command("--misbehave exit --on commit"), "--level", "ring", "--scenarios", "4", "--out", _out);
        Assert.True(r.Code == ExitCodes.Failure, r.Out + r.Err);
        Assert.Contains("R-RING-15", r.Out);
    }

    [Fact]
    public void Ctrl_c_during_a_run_kills_the_testee_and_removes_the_shared_file()
    {
        var pids = Path.Combine(Path.GetTempPath(), $"vmb-testee-pids-{Guid.NewGuid():n}");
        var cli = Path.Combine(AppContext.BaseDirectory, "vmb-conformance.dll");
        var info = new ProcessStartInfo(TesteeHosts.Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Version 3: each scenario has a file of its own, there to be left behind (version 4 puts rings in the mailbox's
        // scenario area, whose file's name is gone once the handshake is done).
        foreach (var a in new[] { cli, "run", "--testee", TesteeHosts.Command($"--max-version 3 --misbehave hang --on map --pid-file \"{pids}\""), "--level", "ring", "--step-limit", "120", "--out", _out })
            info.ArgumentList.Add(a);
        using var harness = Process.Start(info)!;
        try
        {
            // Wait until the testee hangs while the shared file still exists (it is removed only once the testee confirms its mapping).
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(pids) && TesteeHosts.LeftoverFiles(harness.Id).Length > 0))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the run never reached the mapping");
                Assert.False(harness.HasExited, harness.HasExited ? harness.StandardError.ReadToEnd() : "");
                Thread.Sleep(50);
            }
            var testee = int.Parse(File.ReadAllLines(pids)[0]);
            Assert.True(TesteeHosts.Alive(testee));
            Assert.Equal(0, TesteeHosts.Kill(harness.Id, 2)); // SIGINT, as Ctrl+C sends
            Assert.True(harness.WaitForExit(20_000), "the harness did not end after SIGINT");
            Assert.False(TesteeHosts.Alive(testee), "the testee outlived the interrupted run");
            Assert.Empty(TesteeHosts.LeftoverFiles(harness.Id));
        }
        finally
        {
            if (!harness.HasExited) harness.Kill(entireProcessTree: true);
            File.Delete(pids);
        }
    }
}

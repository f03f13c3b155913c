namespace Vmb.Conformance.Suite.Tests;

/// <summary>`run --expect-failures FILE` (protobuf's failure lists): the listed root failures are expected, nothing else.</summary>
public sealed class ExpectedFailuresTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vmb-expect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Code, string Out, string Err) Run(string list, params string[] more)
    {
        var file = Path.Combine(_folder, "expected.txt");
        File.WriteAllText(file, list);
        return CliHarness.Run(["run", "--level", "ring", "--scenarios", "300", "--out", Path.Combine(_folder, "out"), "--expect-failures", file, .. more]);
    }

    [Fact]
    public void D30_a_fixture_failing_exactly_its_listed_rule_is_as_expected_exit_0()
    {
        var r = Run("# known: the writer's trailer is wrong\nR-DESC-7  # wrong-trailer\n", "--fault", "wrong-trailer");
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("AS EXPECTED: the root failures are exactly those listed in", r.Out);
    }

    [Fact]
    public void D30_an_unlisted_root_failure_fails_the_run_with_one_line_naming_the_rule()
    {
        var r = Run("# nothing expected\n", "--fault", "wrong-trailer");
        Assert.True(r.Code == 1, r.Out + r.Err);
        Assert.Single(r.Out.Split('\n'), l => l.Contains("unexpected failure: R-DESC-7 failed as a root and is not listed in", StringComparison.Ordinal));
    }

    [Fact]
    public void D30_a_listed_rule_that_now_passes_is_stale_and_fails_the_run_naming_the_line()
    {
        var r = Run("\nR-DESC-7\n");
        Assert.True(r.Code == 1, r.Out + r.Err);
        Assert.Contains("stale: R-DESC-7 passes now; remove it from ", r.Out);
        Assert.Contains("expected.txt:2", r.Out);
    }

    [Fact]
    public void D30_a_listed_rule_the_run_does_not_judge_is_a_note_not_stale()
    {
        // R-PP-5 has no ring check: the ring run does not judge it.
        var r = Run("R-PP-5\n");
        Assert.True(r.Code is 0 or 3, r.Out + r.Err);
        Assert.Contains("AS EXPECTED", r.Out);
        Assert.Matches(@"expected\.txt:1: R-PP-5 was [a-z -]+; nothing to say about it", r.Out);
    }

    [Fact]
    public void An_unknown_ID_or_a_duplicate_in_the_list_is_bad_input_naming_file_and_line()
    {
        CliHarness.AssertUsageError(Run("R-PP-5\nR-NOPE-1\n"), "expected.txt:2: 'R-NOPE-1' is not a requirement ID");
        CliHarness.AssertUsageError(Run("R-PP-5\nr-pp-5\n"), "expected.txt:2: R-PP-5 is listed twice (first on line 1)");
        CliHarness.AssertUsageError(CliHarness.Run("run", "--expect-failures", Path.Combine(_folder, "absent.txt")), "does not exist");
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }
}

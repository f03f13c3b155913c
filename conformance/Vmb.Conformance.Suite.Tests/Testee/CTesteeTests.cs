using System.Text.Json;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// The independent C ring (impl/c), served by the C testee SDK, judged through the protocol exactly as a third party
/// would run it: `vmb-conformance run --testee impl/c/build/vmbring-testee --level ring`. build/test.sh builds the C
/// tree before the .NET tests, so the binaries are there.
/// </summary>
public sealed class CTesteeTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"vmb-c-testee-{Guid.NewGuid():n}");

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    private (int Code, string Out, string Err) Judge(string testee, string scenarios = "300", params string[] more) =>
        CliHarness.Run(["run", "--testee", $"\"{TesteeHosts.CTestee(testee)}\"", "--level", "ring", "--scenarios", scenarios, "--seed", "7", "--out", _out, .. more]);

    [Fact]
    public void R_RING_15_MUST_the_C_ring_variant_that_hangs_on_a_full_ring_is_killed_at_the_step_limit_and_fails_only_that_rule()
    {
        // Few scenarios and a short step limit: every stuck write costs one limit, shrinking included.
        var r = Judge("vmbring-testee-broken-hang_when_full", "40", "--step-limit", "0.3");
        AssertRoots(r, "R-RING-15");
        Assert.Contains("1 timeout", r.Out);
    }

    // The "why:" line lists the root causes: asserting it whole pins exactly which rules failed first-hand.
    private static void AssertRoots((int Code, string Out, string Err) r, string roots)
    {
        Assert.True(r.Code == ExitCodes.Failure, r.Out + r.Err);
        Assert.Contains($"each a root cause: {roots}\n", r.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_C_ring_is_judged_through_the_C_sdk_and_the_report_carries_its_declaration()
    {
        var r = Judge("vmbring-testee");
        // Since finding F-1 (errata E-28) was fixed, the writer validates read_index at attach too: CONFORMANT.
        Assert.True(r.Code == ExitCodes.Success, r.Out + r.Err);
        Assert.Contains("declared vmbring 0.1.0", r.Out);
        Assert.Contains("protocol 4, frames through the mailbox", r.Out);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "ring-conformance-report.json")));
        var implementation = report.RootElement.GetProperty("implementation");
        Assert.Equal("vmbring", implementation.GetProperty("name").GetString());
        Assert.Equal("0.1.0", implementation.GetProperty("version").GetString());
        Assert.Equal(
            ["writer: SetsPendingSendSize", "writer: CreatesRings", "reader: StrictReader", "reader: InterruptMaskApi"],
            implementation.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("conformant", report.RootElement.GetProperty("verdict").GetString());
    }

    [TwoProcessorsFact]
    public void R_MAL_10_MUST_the_C_ring_variant_that_fetches_the_descriptor_twice_is_caught_by_the_probes_through_the_mailbox()
    {
        // Memory changing under a read in another process: the probes of 2,000 scenarios (40) switch the bytes while the
        // C reader reads; its second fetch hands on a version it did not validate. Real threads: fail or flaky.
        var r = Judge("vmbring-testee-broken-double_fetch", "2000");
        AssertRoots(r, "R-MAL-10");
        Assert.Contains("declared vmbring-broken-double_fetch 0.1.0", r.Out);
        Assert.Matches(@"FAIL R-MAL-10 \(MUST\) (fail|flaky):", r.Out);
    }

    // Each broken variant is caught on the rule it breaks, and on no other as a root.
    [Theory]
    [InlineData("wrong_trailer", "R-DESC-7", "FAIL R-DESC-7 (MUST) fail")]
    [InlineData("abort_on_malformed", "R-RING-15", "FAIL R-RING-15 (MUST) crash")]
    [InlineData("fills_ring", "R-RING-7", "FAIL R-RING-7 (MUST) fail")]
    [InlineData("signals_every_write", "R-SIG-1", "FAIL R-SIG-1 (MUST) fail")]
    public void A_broken_variant_of_the_C_ring_fails_exactly_its_rule(string variant, string roots, string line)
    {
        var r = Judge($"vmbring-testee-broken-{variant}");
        AssertRoots(r, roots);
        Assert.Contains($"declared vmbring-broken-{variant} 0.1.0", r.Out);
        Assert.Contains(line, r.Out);
    }
}

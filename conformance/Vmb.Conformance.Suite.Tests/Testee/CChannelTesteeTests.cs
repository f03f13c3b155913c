using System.Text.Json;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// The independent C channel (impl/c/channel, D29) on the C ring, served by the C SDK's channel half, judged through
/// the protocol exactly as a third party would run it: `vmb-conformance run --testee impl/c/build/vmbchannel-testee
/// --level channel`. It is conformant for what it declares in both framing profiles, and each broken variant — one of
/// the three invariants each — is caught as exactly one root. build/test.sh builds the C tree first.
/// </summary>
public sealed class CChannelTesteeTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"vmb-c-channel-{Guid.NewGuid():n}");

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    private (int Code, string Out, string Err) Judge(string testee, string profile, string scenarios) =>
        CliHarness.Run("run", "--testee", $"\"{TesteeHosts.CTestee(testee)}\" --profile {profile}", "--level", "channel", "--scenarios", scenarios, "--out", _out);

    [Theory]
    [InlineData("raw")]
    [InlineData("pipe")]
    public void The_C_channel_is_conformant_for_what_it_declares_and_the_report_carries_its_declaration(string profile)
    {
        var r = Judge("vmbchannel-testee", profile, "2000");
        Assert.True(r.Code == ExitCodes.Success, r.Out + r.Err);
        Assert.Contains("declared vmbchannel 0.1.0", r.Out);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "conformance-report.json")));
        var implementation = report.RootElement.GetProperty("implementation");
        Assert.Equal("vmbchannel", implementation.GetProperty("name").GetString());
        Assert.Equal(profile, implementation.GetProperty("profile").GetString()!.ToLowerInvariant());
        Assert.Equal("conformant", report.RootElement.GetProperty("verdict").GetString());
        // What it does not declare is not applicable, never passed.
        var verdicts = report.RootElement.GetProperty("requirements").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("verdict").GetString());
        Assert.Equal("not-applicable", verdicts["R-QUO-2"]);
        Assert.Equal("not-applicable", verdicts["R-DEF-1"]);
        Assert.Equal("pass", verdicts["R-PP-5"]);
    }

    // One variant per invariant: answered exactly once, Buffer without headers, external data only when flagged.
    [Theory]
    [InlineData("completes_twice", "raw", "R-CMPL-4")]
    [InlineData("buffer_includes_header", "raw", "R-PP-5")]
    [InlineData("buffer_includes_header", "pipe", "R-PP-5")]
    [InlineData("external_without_flag", "raw", "R-EXT-5")]
    public void A_broken_variant_of_the_C_channel_is_caught_as_exactly_its_one_root(string variant, string profile, string root)
    {
        var r = Judge($"vmbchannel-testee-broken-{variant}", profile, "400");
        Assert.True(r.Code == ExitCodes.Failure, r.Out + r.Err);
        Assert.Contains("1 distinct root cause(s)", r.Out);
        // Every failing MUST rule is listed; all but the root say which root they follow from.
        var failing = r.Out.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("  FAIL ", StringComparison.Ordinal)).ToList();
        Assert.Equal([root], failing.Where(l => !l.Contains(", consequence of ", StringComparison.Ordinal)).Select(l => l.Split(' ')[3]));
    }
}

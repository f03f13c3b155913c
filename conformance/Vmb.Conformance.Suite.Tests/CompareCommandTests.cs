using System.Text.Json;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>`compare A.json B.json …` (D30): what changed per requirement, regressions first; exit 1 on a regression, 2 for bad input.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"vmb-compare-{Guid.NewGuid():n}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string Run(string name, params string[] more)
    {
        var dir = Path.Combine(_folder, name);
        var r = CliHarness.Run(["run", "--level", "channel", "--scenarios", "300", "--out", dir, .. more]);
        Assert.True(r.Code is 0 or 1 or 3, r.Out + r.Err);
        return Path.Combine(dir, "conformance-report.json");
    }

    [Fact]
    public void Comparing_the_reference_with_a_broken_fixture_exits_1_and_names_the_regressed_rules_first()
    {
        var reference = Run("reference");
        var broken = Run("broken", "--fault", "BufferIncludesDescriptor");
        var r = CliHarness.Run("compare", reference, broken);
        Assert.True(r.Code == 1, r.Out + r.Err);
        var lines = r.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("  REGRESSION R-PP-5 (MUST): pass -> fail", lines[1], StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(broken));
        var failed = report.RootElement.GetProperty("requirements").EnumerateArray()
            .Where(e => e.GetProperty("verdict").GetString() == "fail").Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.All(failed, id => Assert.Contains(lines, l => l.StartsWith($"  REGRESSION {id} ", StringComparison.Ordinal)));
        Assert.Contains($"{failed.Count} regression(s)", r.Out);

        // The other way round nothing regressed: the fixture's failures are improvements.
        var back = CliHarness.Run("compare", broken, reference);
        Assert.True(back.Code == 0, back.Out + back.Err);
        Assert.Contains("  improved R-PP-5 (MUST): fail -> pass", back.Out);
    }

    [Fact]
    public void A_missing_report_or_one_that_is_not_a_report_is_bad_input()
    {
        Directory.CreateDirectory(_folder);
        var notReport = Path.Combine(_folder, "x.json");
        File.WriteAllText(notReport, "{\"hello\": 1}");
        CliHarness.AssertUsageError(CliHarness.Run("compare", Path.Combine(_folder, "none.json"), notReport), "does not exist");
        CliHarness.AssertUsageError(CliHarness.Run("compare", notReport, notReport), "not a vmb-conformance JSON report");
    }
}

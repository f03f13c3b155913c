namespace Vmb.Conformance.Suite.Tests;

/// <summary>`report RESULT.json … --out DIR` (D30): every other format re-rendered from saved JSON, plus index.html over all of them.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vmb-report-cmd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Run(string name, params string[] more)
    {
        var dir = Path.Combine(_folder, name);
        var r = CliHarness.Run(["run", "--level", "ring", "--scenarios", "300", "--out", dir, .. more]);
        Assert.True(r.Code is 0 or 1 or 3, r.Out + r.Err);
        return dir;
    }

    [Fact]
    public void D21_saved_results_re_render_to_the_files_the_runs_wrote_and_one_index_over_both()
    {
        var reference = Run("reference");
        var broken = Run("broken", "--fault", "wrong-trailer");
        File.Copy(Path.Combine(broken, "ring-conformance-report.json"), Path.Combine(_folder, "broken.json"));
        File.Copy(Path.Combine(reference, "ring-conformance-report.json"), Path.Combine(_folder, "reference.json"));
        var out_ = Path.Combine(_folder, "published");
        var r = CliHarness.Run("report", Path.Combine(_folder, "reference.json"), Path.Combine(_folder, "broken.json"), "--out", out_);
        Assert.True(r.Code == 0, r.Out + r.Err);
        foreach (var ext in new[] { ".md", ".junit.xml", ".html", ".svg" })
        {
            // The page links its sibling files by name, so only those links may differ.
            string Written(string folder, string stem) => File.ReadAllText(Path.Combine(folder, "ring-conformance-report" + ext)).Replace("\"ring-conformance-report.", $"\"{stem}.");
            Assert.Equal(Written(reference, "reference"), File.ReadAllText(Path.Combine(out_, "reference" + ext)));
            Assert.Equal(Written(broken, "broken"), File.ReadAllText(Path.Combine(out_, "broken" + ext)));
        }
        var index = File.ReadAllText(Path.Combine(out_, "index.html"));
        Assert.Equal(2, index.Split("<th class=\"impl\"").Length - 1);
        Assert.Contains("<details class=\"failure\" id=\"f-1-R-DESC-7\">", index);
    }

    [Fact]
    public void A_missing_result_or_one_that_is_not_a_report_is_bad_input_and_nothing_is_written()
    {
        var notReport = Path.Combine(_folder, "x.json");
        File.WriteAllText(notReport, "{\"reportFormatVersion\": 4}");
        var out_ = Path.Combine(_folder, "out");
        CliHarness.AssertUsageError(CliHarness.Run("report", Path.Combine(_folder, "none.json"), "--out", out_), "does not exist");
        CliHarness.AssertUsageError(CliHarness.Run("report", notReport, "--out", out_), "'implementation' is missing");
        Assert.False(Directory.Exists(out_));
    }
}

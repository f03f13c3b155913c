using Vmb.Conformance.Reports;

namespace Vmb.Conformance.Suite.Tests.Reports;

public sealed class ReportFilesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vmb-report-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Every_report_is_written_into_a_new_folder_and_no_temporary_file_is_left()
    {
        var written = ReportFiles.Write(Path.Combine(_folder, "nested", "out"), SampleResults.Failing(), SampleResults.Catalog);
        Assert.Equal(MarkdownReport.Render(SampleResults.Failing(), SampleResults.Catalog), File.ReadAllText(written.MarkdownPath));
        Assert.Equal(JsonReport.Render(SampleResults.Failing(), SampleResults.Catalog), File.ReadAllText(written.JsonPath));
        Assert.Equal(JunitReport.Render(SampleResults.Failing(), SampleResults.Catalog), File.ReadAllText(written.JunitPath));
        Assert.Equal(Badge.Render(SampleResults.Failing(), SampleResults.Catalog), File.ReadAllText(written.BadgePath));
        Assert.Contains("R-PP-5", File.ReadAllText(written.HtmlPath));
        Assert.Equal(["conformance-report.html", JsonReport.FileName, "conformance-report.junit.xml", MarkdownReport.FileName, "conformance-report.svg"],
            Directory.GetFiles(Path.GetDirectoryName(written.JsonPath)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void An_existing_report_is_replaced_whole()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "r.md");
        File.WriteAllText(path, new string('x', 100_000));
        ReportFiles.WriteAtomically(path, "short");
        Assert.Equal("short", File.ReadAllText(path));
    }

    [Fact]
    public void Output_path_that_is_a_file_gives_a_clear_error_naming_it()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "occupied");
        File.WriteAllText(file, "keep me");
        var error = Assert.Throws<ReportWriteException>(() => ReportFiles.Write(file, SampleResults.Failing(), SampleResults.Catalog));
        Assert.Contains(file, error.Message);
        Assert.Contains("is a file, not a folder", error.Message);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Writing_into_a_missing_folder_names_the_folder()
    {
        var error = Assert.Throws<ReportWriteException>(() => ReportFiles.WriteAtomically(Path.Combine(_folder, "absent", "r.md"), "text"));
        Assert.Contains("does not exist", error.Message);
    }
}

using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Suite.Tests.Reports;

public class JsonResultReaderTests
{
    public static TheoryData<string> Results() => ["failing", "consequence", "abandoned-ring"];

    private static SuiteResult Sample(string name) => name switch
    {
        "failing" => SampleResults.Failing(),
        "consequence" => SampleResults.Failing() with
        {
            Results = [.. SampleResults.Failing().Results, new RequirementResult("R-PP-7", Spec.Verdicts.Verdict.Fail, 3, 1, null, SampleResults.Example) { ConsequenceOf = ["R-PP-5"] }],
        },
        _ => SampleResults.Failing() with
        {
            Level = "ring",
            Implementation = new Spec.Spi.ImplementationInfo("ring", "1", Spec.Spi.FramingProfile.Raw, Spec.Spi.ChannelCapabilities.None)
            {
                RingWriter = Spec.Spi.RingCapabilities.StagedPublication, RingReader = Spec.Spi.RingCapabilities.StrictReader,
            },
            Abandoned = "scenario 2 did not return within 5 s",
        },
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void D21_a_JSON_report_read_back_renders_every_format_exactly_as_the_run_did(string name)
    {
        var run = Sample(name);
        var json = JsonReport.Render(run, SampleResults.Catalog);
        var read = JsonResultReader.Read(json);
        foreach (var ((file, original), (_, again)) in ReportFiles.Render(run, SampleResults.Catalog, "r").Zip(ReportFiles.Render(read, SampleResults.Catalog, "r")))
            Assert.True(original == again, $"{file} differs after the JSON round trip");
    }

    [Fact]
    public void D21_the_approved_reference_report_reads_back_to_the_same_JSON()
    {
        // The approved copy has its volatile figures scrubbed; put plausible ones back so the file is a run's report again.
        var approved = File.ReadAllText(RepositoryFiles.Path("fixtures/reports/reference-raw.report.json")).Replace("\"startedAt\": \"(scrubbed)\"", "\"startedAt\": \"2026-01-01T00:00:00Z\"");
        var json = System.Text.RegularExpressions.Regex.Replace(approved, @"""(threads:(?!runs"")[a-z-]+)"": 0", "\"$1\": 1");
        var again = JsonReport.Render(JsonResultReader.Read(json), SampleResults.Catalog);
        Assert.Equal(json, again);
    }

    [Theory]
    [InlineData("{}", "reportFormatVersion")]
    [InlineData("{\"reportFormatVersion\": 1}", "format 1")]
    [InlineData("not json", "not a vmb-conformance JSON report")]
    public void A_file_that_is_not_a_current_report_is_refused_with_what_is_wrong(string text, string named)
    {
        var error = Assert.Throws<FormatException>(() => JsonResultReader.Read(text));
        Assert.Contains(named, error.Message);
    }
}

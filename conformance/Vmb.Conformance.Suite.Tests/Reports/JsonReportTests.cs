using System.Text.Json;
using Vmb.Conformance.Reports;

namespace Vmb.Conformance.Suite.Tests.Reports;

public class JsonReportTests
{
    private static JsonElement Schema() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "report.schema.json"))).RootElement;

    [Fact]
    public void D21_JSON_report_of_a_failing_run_validates_against_the_schema_and_carries_the_stamp()
    {
        var text = JsonReport.Render(SampleResults.Failing(), SampleResults.Catalog);
        var report = JsonDocument.Parse(text).RootElement;
        var errors = SchemaCheck.Validate(Schema(), report);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.Equal(SampleResults.Catalog.CatalogVersion, report.GetProperty("catalogVersion").GetString());
        Assert.Equal(42UL, report.GetProperty("seed").GetUInt64());
        Assert.Equal("pipe", report.GetProperty("implementation").GetProperty("profile").GetString());
        Assert.Equal(["ExCallbacks", "PauseStart"], report.GetProperty("implementation").GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.False(report.GetProperty("conformant").GetBoolean());
        Assert.Equal("not-conformant", report.GetProperty("verdict").GetString());
        Assert.Equal("channel", report.GetProperty("level").GetString());
        Assert.Equal(["quota-reached"], report.GetProperty("missingSituations").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["R-PP-5"], report.GetProperty("failures").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([SampleResults.ShouldId], report.GetProperty("warnings").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["R-PP-1", "R-PP-3"], report.GetProperty("filteredOut").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, report.GetProperty("counts").GetProperty("byVerdict").GetProperty("not-applicable").GetInt32());
        Assert.Equal(0, report.GetProperty("generatorCoverage").GetProperty("quota-reached").GetInt32());
        Assert.Equal(["transaction id=max"], report.GetProperty("missingFieldClasses").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([("transaction id", "0", 2, true), ("transaction id", "max", 0, true), ("transaction id", "other", 3, false)],
            report.GetProperty("fieldCoverage").EnumerateArray().Select(r =>
                (r.GetProperty("field").GetString(), r.GetProperty("class").GetString(), r.GetProperty("scenarios").GetInt32(), r.GetProperty("required").GetBoolean())));
    }

    [Fact]
    public void Approved_JSON_report_of_the_reference_validates_against_the_schema()
    {
        var report = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("fixtures/reports/reference-raw.report.json"))).RootElement;
        var errors = SchemaCheck.Validate(Schema(), report);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void The_checker_rejects_a_report_that_breaks_the_schema()
    {
        var text = JsonReport.Render(SampleResults.Failing(), SampleResults.Catalog).Replace("\"verdict\": \"fail\"", "\"verdict\": \"sort-of\"");
        var broken = JsonDocument.Parse(text.Replace("\"conformanceRule\"", "\"extra\": 1, \"conformanceRule\"")).RootElement;
        var errors = SchemaCheck.Validate(Schema(), broken);
        Assert.Contains(errors, e => e.StartsWith("/requirements/0/verdict: enum", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/extra:", StringComparison.Ordinal));
    }
}

using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Suite.Tests.Reports;

public class MarkdownReportTests
{
    private static readonly string Text = MarkdownReport.Render(SampleResults.Failing(), SampleResults.Catalog);

    [Fact]
    public void D21_stamp_names_catalog_suite_schema_seed_and_the_implementation()
    {
        Assert.Contains("| Catalog version | " + SampleResults.Catalog.CatalogVersion + " |", Text);
        Assert.Contains("| Suite version | 0.1.0 |", Text);
        Assert.Contains("| Schema version | 1 |", Text);
        Assert.Contains("| Seed | 42 |", Text);
        Assert.Contains("| Implementation | sample-impl |", Text);
        Assert.Contains("| Framing profile | pipe |", Text);
        Assert.Contains("| Declared capabilities | ExCallbacks, PauseStart |", Text);
    }

    [Fact]
    public void D23_roots_come_first_with_their_consequences_counted_apart()
    {
        var sample = SampleResults.Failing();
        var consequence = new RequirementResult("R-PP-6", Spec.Verdicts.Verdict.Fail, 3, 3, "length counts the header", SampleResults.Example with { Headline = "R-PP-6 (MUST): x" })
        {
            ConsequenceOf = ["R-PP-5"],
        };
        var text = MarkdownReport.Render(sample with { Results = [.. sample.Results.Where(r => r.RequirementId != "R-PP-6"), consequence] }, SampleResults.Catalog);
        Assert.Contains("1 distinct root cause(s); 1 further failure(s) follow from them.", text);
        Assert.Contains("Consequences of R-PP-5: R-PP-6 (below).", text);
        Assert.Contains("### R-PP-6 (MUST): fail, consequence of R-PP-5", text);
        Assert.True(text.IndexOf("### R-PP-5 ", StringComparison.Ordinal) < text.IndexOf("### Consequences", StringComparison.Ordinal));
        Assert.True(text.IndexOf("### Consequences", StringComparison.Ordinal) < text.IndexOf("### R-PP-6 ", StringComparison.Ordinal));
    }

    [Fact]
    public void D14_verdict_is_stated_with_its_definition()
    {
        Assert.Contains("**NOT CONFORMANT**", Text);
        Assert.Contains(ReportSummary.ConformanceRule, Text);
    }

    [Fact]
    public void Failure_shows_statement_first_then_scenario_trace_and_replay_line()
    {
        var failure = Text[Text.IndexOf("### R-PP-5", StringComparison.Ordinal)..];
        var statement = failure.IndexOf(SampleResults.Example.Headline, StringComparison.Ordinal);
        var scenario = failure.IndexOf(SampleResults.Example.ScenarioText.Split('\n')[0], StringComparison.Ordinal);
        var trace = failure.IndexOf(">> #3", StringComparison.Ordinal);
        var replay = failure.IndexOf(SampleResults.Example.ReplayCommand, StringComparison.Ordinal);
        Assert.True(statement >= 0 && statement < scenario && scenario < trace && trace < replay, failure);
        // A backtick fence inside the trace must not end the code block early.
        Assert.Contains("````", failure);
    }

    [Fact]
    public void SHOULD_failures_are_warnings_and_filtered_rules_and_coverage_are_listed()
    {
        var warnings = Text[Text.IndexOf("## Warnings", StringComparison.Ordinal)..Text.IndexOf("## Requirements", StringComparison.Ordinal)];
        Assert.Contains("### " + SampleResults.ShouldId, warnings);
        Assert.Contains("2 requirement(s) not selected", Text);
        Assert.Contains("R-PP-1, R-PP-3", Text);
        Assert.Contains("| quota-reached | 0 | **not reached** |", Text);
        Assert.Contains("| R-CTX-1 | MUST | not-applicable | 0 / 0 | capability ExCallbacks not declared |", Text);
        Assert.Contains("Buffer is 17 B \\| header |", Text);
    }

    [Fact]
    public void D26_field_coverage_table_lists_each_field_with_its_classes_and_marks_a_required_class_never_reached()
    {
        var section = Text[Text.IndexOf("## Field coverage", StringComparison.Ordinal)..];
        Assert.Contains("**1 required class(es) (*) not reached**", section);
        Assert.Contains("| transaction id | 0*: 2, max*: **not reached**, other: 3 |", section);
    }
}

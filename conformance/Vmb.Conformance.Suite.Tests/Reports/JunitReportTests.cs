using System.Xml.Linq;
using Vmb.Conformance.Reports;

namespace Vmb.Conformance.Suite.Tests.Reports;

/// <summary>The JUnit XML a CI server reads: one case per requirement named by ID and level, failures with their replay line.</summary>
public sealed class JunitReportTests
{
    private static XElement Suite() =>
        XDocument.Parse(JunitReport.Render(SampleResults.Failing(), SampleResults.Catalog)).Root!.Element("testsuite")!;

    [Fact]
    public void Every_requirement_is_one_test_case_named_by_id_and_level_only()
    {
        var suite = Suite();
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(SampleResults.Failing().Results.Count, cases.Count);
        Assert.Equal(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("tests")!.Value);
        Assert.All(cases, c => Assert.Matches(@"^R-[A-Z]+-[0-9]+ \((MUST|MUST NOT|SHOULD|SHOULD NOT|MAY|INFO)\)$", c.Attribute("name")!.Value));
    }

    [Fact]
    public void A_failing_rule_carries_its_verdict_its_counterexample_and_the_replay_line()
    {
        var suite = Suite();
        var failing = SampleResults.Failing().Results.Where(r => r.Counterexample is not null).ToList();
        Assert.NotEmpty(failing);
        foreach (var result in failing)
        {
            var failure = suite.Elements("testcase").Single(c => c.Attribute("name")!.Value.StartsWith(result.RequirementId + " ", StringComparison.Ordinal)).Element("failure")!;
            Assert.Equal(result.Verdict.Format(), failure.Attribute("type")!.Value);
            Assert.Contains(result.Counterexample!.ReplayCommand, failure.Value);
        }
        Assert.Equal(failing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("failures")!.Value);
    }
}

using System.Xml.Linq;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Reports.Html;
using Vmb.Conformance.Results;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Reports;

public class BadgeAndDashboardTests
{
    private static SuiteResult Passing() => SampleResults.Failing() with
    {
        Results = [new RequirementResult("R-PP-5", Verdict.Pass, 3, 3, null, null), new RequirementResult("R-PP-6", Verdict.Pass, 3, 3, null, null)],
        RequiredSituations = [],
        FieldCoverage = [],
    };

    [Fact]
    public void D14_the_badge_counts_applicable_MUST_rules_and_is_red_for_a_failing_run()
    {
        var share = MustShare.Of(SampleResults.Failing(), SampleResults.Catalog);
        // R-PP-5 failed and R-PP-6 passed; R-CTX-1 is not applicable and R-PP-2 holds by construction, so both are
        // left out; the SHOULD rule does not bind.
        Assert.Equal(new MustShare(1, 2), share);
        var svg = XDocument.Parse(Badge.Render(SampleResults.Failing(), SampleResults.Catalog));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == $"{share.Percent}% MUST ({share.Passed}/{share.Applicable})");
        Assert.Contains(svg.Descendants(ns + "rect"), r => (string?)r.Attribute("fill") == "#c62828");
    }

    [Fact]
    public void D14_a_run_where_every_applicable_MUST_rule_passed_shows_100_percent_in_green()
    {
        var svg = Badge.Render(Passing(), SampleResults.Catalog);
        Assert.Contains("100% MUST (2/2)", svg);
        Assert.Contains("#2e7d32", svg);
    }

    [Fact]
    public void The_dashboard_has_one_column_per_implementation_and_every_rule_anchored_once()
    {
        var html = HtmlDashboard.Render([new DashboardEntry(SampleResults.Failing(), "a"), new DashboardEntry(Passing(), "b", new DashboardExpectation(false, "declares R-PP-1"))], SampleResults.Catalog);
        Assert.Equal(2, Count(html, "<th class=\"impl\""));
        foreach (var id in new[] { "R-PP-5", "R-PP-6", "R-CTX-1", "R-PP-2", SampleResults.ShouldId })
        {
            Assert.Equal(1, Count(html, $"<div class=\"rule\" id=\"{id}\">"));
            Assert.Contains($"<a href=\"#{id}\">{id}</a>", html);
        }
        // The failing column's root links to its counterexample; the trace text is escaped, not markup.
        Assert.Contains("<details class=\"failure\" id=\"f-0-R-PP-5\">", html);
        Assert.Contains("<a href=\"#f-0-R-PP-5\">✗</a>", html);
        Assert.Contains("&gt;&gt; #3 PresentationBegun", html);
        Assert.DoesNotContain(">> #3", html);
        Assert.Contains("NOT as expected", html);
        Assert.Contains("<a href=\"a.junit.xml\">junit.xml</a>", html);
    }

    [Fact]
    public void The_dashboard_is_deterministic_and_carries_no_time_of_the_run()
    {
        var entries = new[] { new DashboardEntry(SampleResults.Failing()) };
        var first = HtmlDashboard.Render(entries, SampleResults.Catalog);
        Assert.Equal(first, HtmlDashboard.Render(entries, SampleResults.Catalog));
        Assert.DoesNotContain("2026-01-02", first);
        Assert.DoesNotContain("1.5 s", first);
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}

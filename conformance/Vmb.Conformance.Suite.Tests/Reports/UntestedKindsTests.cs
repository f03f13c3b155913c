using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Reports;

public class UntestedKindsTests
{
    private static string? KindAtChannel(Requirement rule, Verdict verdict = Verdict.Untested) =>
        UntestedKinds.Of(new ReportRow(new RequirementResult(rule.Id, verdict, 0, 0, null, null), rule), "channel");

    [Fact]
    public void D26_a_rule_without_a_verdict_is_counted_by_why_it_has_none()
    {
        var rules = SampleResults.Catalog.Requirements;
        var ringOnly = rules.First(r => r.IsJudgedAt("ring") && !r.IsJudgedAt("channel"));
        Assert.Equal("judged at the other level", KindAtChannel(ringOnly));
        Assert.Equal("not observable", KindAtChannel(rules.First(r => r.Verification == Verification.NotObservable)));
        Assert.Equal("by construction", KindAtChannel(rules.First(r => r.Verification == Verification.ByConstruction)));
        Assert.Equal("review", KindAtChannel(rules.First(r => r.Verification == Verification.Review)));
        Assert.Equal("no check yet", KindAtChannel(rules.First(r => r.Verification == Verification.Check && r.Checks.Count == 0)));
        Assert.Equal("not exercised", KindAtChannel(rules.First(r => r.IsJudgedAt("channel")), Verdict.NotExercised));
        Assert.Null(KindAtChannel(rules.First(r => r.IsJudgedAt("channel")), Verdict.Pass));
    }

    [Fact]
    public void D26_the_kinds_add_up_to_the_untested_and_not_exercised_counts()
    {
        var summary = new ReportSummary(SampleResults.Failing(), SampleResults.Catalog);
        var kinds = UntestedKinds.Count(summary);
        Assert.Equal(UntestedKinds.Order, kinds.Select(k => k.Key));
        Assert.Equal(summary.ByVerdict[Verdict.Untested] + summary.ByVerdict[Verdict.NotExercised], kinds.Sum(k => k.Value));
        Assert.Equal(1, kinds.Single(k => k.Key == "by construction").Value);
    }
}

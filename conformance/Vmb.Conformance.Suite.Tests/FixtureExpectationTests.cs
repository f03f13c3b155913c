using Vmb.Conformance.Cli;
using Vmb.Conformance.Results;
using Vmb.Conformance.Suite.Tests.Reports;
using Vmb.Faulty.Faults;
using Vmb.Kmcl;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>What `run --all` holds a fixture to (D23): exactly its declared failures, its declared roots as roots.</summary>
public class FixtureExpectationTests
{
    private static readonly BufferIncludesDescriptor Fault = new(new ReferenceChannelImplementation());

    private static SuiteResult With(params RequirementResult[] failures) => SampleResults.Failing() with { Results = failures };

    private static RequirementResult Root(string id) => new(id, Verdict.Fail, 10, 10, null, SampleResults.Example);

    private static RequirementResult Consequence(string id, Verdict verdict = Verdict.Fail) =>
        new(id, verdict, 10, 10, null, SampleResults.Example) { ConsequenceOf = ["R-PP-5"] };

    [Fact]
    public void D23_the_declared_root_and_consequence_are_as_expected()
    {
        var e = FixtureExpectations.Channel(Fault, With(Root("R-PP-5"), Consequence("R-PP-7")));
        Assert.True(e.Met, e.Text);
    }

    [Fact]
    public void D23_an_undeclared_root_or_a_reproducible_undeclared_consequence_is_not_as_expected()
    {
        var root = FixtureExpectations.Channel(Fault, With(Root("R-PP-5"), Consequence("R-PP-7"), Root("R-PP-6")));
        Assert.False(root.Met);
        Assert.Contains("roots not declared: R-PP-6", root.Text);
        var consequence = FixtureExpectations.Channel(Fault, With(Root("R-PP-5"), Consequence("R-PP-7"), Consequence("R-CMPL-1")));
        Assert.False(consequence.Met);
        Assert.Contains("also failed R-CMPL-1", consequence.Text);
    }

    [Fact]
    public void D23_an_undeclared_flaky_consequence_is_named_but_not_held_against_the_fixture()
    {
        var e = FixtureExpectations.Channel(Fault, With(Root("R-PP-5"), Consequence("R-PP-7"), Consequence("R-CMPL-1", Verdict.Flaky)));
        Assert.True(e.Met, e.Text);
        Assert.Contains("flaky consequences not counted: R-CMPL-1", e.Text);
    }

    [Fact]
    public void D23_a_declared_root_that_did_not_fail_is_not_as_expected()
    {
        var e = FixtureExpectations.Channel(Fault, With(Consequence("R-PP-7")));
        Assert.False(e.Met);
        Assert.Contains("did not fail R-PP-5", e.Text);
    }

    [Fact]
    public void D23_a_broken_ring_must_show_its_declared_roots_and_may_show_consequences()
    {
        Assert.True(FixtureExpectations.Ring(["R-DESC-7"], [], With(Root("R-DESC-7"), Consequence("R-DESC-5"))).Met);
        Assert.Contains("roots not declared: R-DESC-5", FixtureExpectations.Ring(["R-DESC-7"], [], With(Root("R-DESC-7"), Root("R-DESC-5"))).Text);
        Assert.True(FixtureExpectations.Ring(["R-DESC-7"], ["R-DESC-5"], With(Root("R-DESC-7"), Root("R-DESC-5"))).Met);
        Assert.Contains("did not fail R-DESC-7 as a root", FixtureExpectations.Ring(["R-DESC-7"], [], With(Consequence("R-DESC-7"))).Text);
    }
}

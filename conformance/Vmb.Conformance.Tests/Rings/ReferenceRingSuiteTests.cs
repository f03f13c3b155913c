using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Rings.Checks;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;
using Xunit.Abstractions;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>The reference ring meets every ring-level check over generated scenarios.</summary>
public class ReferenceRingSuiteTests(ITestOutputHelper output)
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    private static readonly Lazy<SuiteResult> Result = new(() =>
        RingConformanceRunner.Run(new ReferenceRing(), new SuiteOptions { Scenarios = 1200 }, Catalog));

    [Fact]
    public void Reference_ring_passes_every_ring_check()
    {
        var result = Result.Value;
        output.WriteLine($"{result.ScenariosGenerated} ring scenarios in {result.Duration.TotalSeconds:F1} s");
        foreach (var r in result.Results) output.WriteLine($"{r.RequirementId}: {r.Verdict} ({r.ScenariosExercised}/{r.ScenariosRun} exercised)");
        var bad = result.Results.Where(r => r.Verdict != Verdict.Pass).Select(r => $"{r.RequirementId} {r.Verdict}: {r.Detail}\n{r.Counterexample}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n\n", bad));
        Assert.True(result.ScenariosGenerated >= 1000);
    }

    [Fact]
    public void Every_ring_check_is_listed_and_judges_a_catalog_rule()
    {
        var ids = RingCheckRegistry.All().Select(c => c.RequirementId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.NotNull(Catalog.Find(id)));
        Assert.Equal(ids.Order(), Result.Value.Results.Select(r => r.RequirementId).Order());
    }

    [Fact]
    public void D25_every_ring_check_needs_exactly_the_ring_capabilities_its_catalog_entry_depends_on()
    {
        foreach (var check in RingCheckRegistry.All())
            Assert.True(check.Needs == Catalog.Find(check.RequirementId)!.RequiredRingCapabilities,
                $"{check}: needs {check.Needs}, the catalog says {Catalog.Find(check.RequirementId)!.RequiredRingCapabilities}");
    }

    [Theory]
    [InlineData("role Writer")]
    [InlineData("role Reader")]
    [InlineData("attach Fresh (Writer)")]
    [InlineData("attach CorruptIndex (Writer)")]
    [InlineData("attach CorruptIndex (Reader)")]
    [InlineData("ring full")]
    [InlineData("wrap-around")]
    [InlineData("destination too small")]
    [InlineData("adversarial probe")]
    [InlineData("fault CorruptWriteIndex")]
    [InlineData("fault Truncated")]
    [InlineData("fault Offset8BelowTwo")]
    [InlineData("fault Len8BelowOffset8")]
    [InlineData("fault MissingTrailer")]
    [InlineData("fault UndefinedFlag")]
    [InlineData("fault UnknownType")]
    [InlineData("fault RangeTypeShortOffset")]
    [InlineData("fault GpaWithoutRanges")]
    [InlineData("fault GarbagePadding")]
    [InlineData("fault WrongTrailer")]
    public void Default_ring_run_covers(string situation) =>
        Assert.True(Result.Value.GeneratorCoverage.GetValueOrDefault(situation) > 0, $"no scenario covered '{situation}'");
}

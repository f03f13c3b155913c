using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Xunit.Abstractions;

namespace Vmb.Conformance.Tests.Suite;

/// <summary>
/// What a user's first run shows (default seed and scenario count): every required situation at least
/// <see cref="Least"/> times and every required field class reached, at both levels (D26, D27: steered by the
/// generator alone, so these counts are the same for every implementation).
/// </summary>
public class DefaultRunReachTests(ITestOutputHelper output)
{
    private const int Least = 20;

    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    private static readonly Lazy<SuiteResult> Channel = new(() => ConformanceRunner.Run(new ReferenceChannelImplementation(), new SuiteOptions(), Catalog));

    private static readonly Lazy<SuiteResult> Ring = new(() => RingConformanceRunner.Run(new ReferenceRing(), new SuiteOptions(), Catalog));

    public static TheoryData<string> Levels => ["channel", "ring"];

    private static SuiteResult Of(string level) => level == "channel" ? Channel.Value : Ring.Value;

    [Theory]
    [MemberData(nameof(Levels))]
    public void D26_every_required_situation_occurs_at_least_20_times_in_a_default_run(string level)
    {
        var result = Of(level);
        ScenarioCounter.Add(result.ScenariosGenerated);
        var counts = result.RequiredSituations.Select(s => (Situation: s, Count: result.GeneratorCoverage.GetValueOrDefault(s))).OrderBy(c => c.Count).ToList();
        output.WriteLine(string.Join(Environment.NewLine, counts.Select(c => $"{c.Situation}: {c.Count}")));
        Assert.All(counts, c => Assert.True(c.Count >= Least, $"{c.Situation} occurred {c.Count} times, fewer than {Least}"));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void D26_a_default_run_reaches_every_required_field_class_and_is_conformant(string level)
    {
        var result = Of(level);
        output.WriteLine(string.Join(Environment.NewLine, result.FieldCoverage.Where(r => r.Required).OrderBy(r => r.Scenarios).Take(12).Select(r => $"{r.Field}={r.Class}: {r.Scenarios}")));
        Assert.NotEmpty(result.FieldCoverage);
        Assert.Empty(result.MissingFieldClasses);
        Assert.Equal(SuiteVerdict.Conformant, result.Classify(Catalog).Verdict);
    }
}

using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Xunit.Abstractions;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// What a user's first run shows (default seed and scenario count): every required situation at least
/// <see cref="Least"/> times and every required field class reached (D26, D27: steered by the generator alone, so these
/// counts are the same for every implementation). Judged on the reference's run of the plug-in classes, so the
/// default run is driven once per level.
/// </summary>
internal static class DefaultRunReach
{
    private const int Least = 20;

    public static void EverySituationAtLeast20Times(SuiteResult result, ITestOutputHelper output)
    {
        var counts = result.RequiredSituations.Select(s => (Situation: s, Count: result.GeneratorCoverage.GetValueOrDefault(s))).OrderBy(c => c.Count).ToList();
        output.WriteLine(string.Join(Environment.NewLine, counts.Select(c => $"{c.Situation}: {c.Count}")));
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.True(c.Count >= Least, $"{c.Situation} occurred {c.Count} times, fewer than {Least}"));
    }

    public static void EveryFieldClassAndConformant(SuiteResult result, RequirementCatalog catalog, ITestOutputHelper output)
    {
        output.WriteLine(string.Join(Environment.NewLine, result.FieldCoverage.Where(r => r.Required).OrderBy(r => r.Scenarios).Take(12).Select(r => $"{r.Field}={r.Class}: {r.Scenarios}")));
        Assert.NotEmpty(result.FieldCoverage);
        Assert.Empty(result.MissingFieldClasses);
        Assert.Equal(SuiteVerdict.Conformant, result.Classify(catalog).Verdict);
    }
}

using Vmb.Conformance.Checks;
using Vmb.Conformance.Rings.Checks;
using Vmb.Conformance.Running;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>
/// The catalog and the engine agree, level by level: a level's registry judges exactly the rules the catalog gives
/// a check at that level, and the catalog names that check's class.
/// </summary>
public class CatalogLinkTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    /// <summary>Requirement ID and class name of every check, by level.</summary>
    private static readonly Dictionary<string, List<(string Id, string Class)>> Registries = new()
    {
        [CheckLevels.Channel] = CheckRegistry.All().Select(c => (c.RequirementId, c.GetType().Name)).ToList(),
        [CheckLevels.Ring] = RingCheckRegistry.All().Select(c => (c.RequirementId, c.GetType().Name)).ToList(),
    };

    public static TheoryData<string> Levels => new(CheckLevels.All);

    [Fact]
    public void Every_level_the_catalog_knows_has_a_registry_here() =>
        Assert.Equal(CheckLevels.All.Order(), Registries.Keys.Order());

    [Fact]
    public void Every_check_judges_a_requirement_of_the_catalog() =>
        Assert.Empty(ConformanceRunner.ChecksMissingFromCatalog(Catalog));

    [Theory]
    [MemberData(nameof(Levels))]
    public void One_check_per_requirement_id_per_level(string level) =>
        Assert.Empty(Registries[level].GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key));

    [Theory]
    [MemberData(nameof(Levels))]
    public void A_level_judges_exactly_the_rules_the_catalog_gives_a_check_at_that_level(string level)
    {
        var judged = Registries[level].Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var listed = Catalog.Requirements.Where(r => r.IsJudgedAt(level)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.True(judged.Except(listed).ToList() is [], $"{level} checks the catalog does not list at {level}: {string.Join(", ", judged.Except(listed))}");
        Assert.True(listed.Except(judged).ToList() is [], $"catalog {level} checks the engine does not have: {string.Join(", ", listed.Except(judged))}");
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_catalog_names_the_class_of_the_level_check(string level)
    {
        foreach (var (id, name) in Registries[level])
        {
            var named = Catalog.Find(id)?.CheckAt(level);
            Assert.True(named == name, $"{id}: catalog {level} check '{named}', engine class {name}");
        }
    }
}

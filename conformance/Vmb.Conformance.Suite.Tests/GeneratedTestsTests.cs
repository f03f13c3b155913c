using Vmb.Conformance.Checks;
using Vmb.Conformance.Xunit;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>The committed test methods of the xunit base class are exactly what the generator writes today.</summary>
public class GeneratedTestsTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    public static TheoryData<string> Classes => new(GeneratedTests.Targets().Select(t => t.ClassName));

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generated_file_is_up_to_date_with_the_catalog_and_the_checks(string className)
    {
        var target = GeneratedTests.Targets().Single(t => t.ClassName == className);
        var committed = File.ReadAllText(RepositoryFiles.Path(target.RelativePath)).Replace("\r\n", "\n");
        Assert.True(committed == GeneratedTests.Render(Catalog, target),
            $"{target.RelativePath} is out of date with catalog {Catalog.CatalogVersion} or the engine's checks; regenerate it from the repository root with `{GeneratedTests.Command}`");
    }

    [Fact]
    public void The_ring_class_has_a_test_for_every_ring_check_and_nothing_else()
    {
        var ring = GeneratedTests.Targets().Single(t => t.ClassName == nameof(RingConformanceTests));
        var listed = Catalog.Requirements.Where(ring.Lists).Select(r => r.Id).Order().ToList();
        Assert.Equal(Catalog.Requirements.Where(r => r.IsJudgedAt(CheckLevels.Ring)).Select(r => r.Id).Order(), listed);
    }

    [Fact]
    public void One_uniquely_named_test_per_requirement_with_the_TCK_prefix_its_level_and_check_give()
    {
        var checkedIds = Running.ChannelLevel.JudgedRequirementIds;
        var names = Catalog.Requirements.Select(r => TestNames.MethodName(r, checkedIds.Contains(r.Id))).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        var pp5 = Catalog.Find("R-PP-5")!;
        Assert.Equal("required_R_PP_5_MUST", TestNames.MethodName(pp5, hasCheck: true));
        Assert.Equal("untested_R_PP_5_MUST", TestNames.MethodName(pp5, hasCheck: false));
        var may = Catalog.Requirements.First(r => r.Level == RequirementLevel.May);
        Assert.StartsWith("optional_", TestNames.MethodName(may, hasCheck: true), StringComparison.Ordinal);
        Assert.All(names, n => Assert.Matches("^(required|optional|untested)_R_[A-Z]+_[0-9]+_(MUST|MUST_NOT|SHOULD|SHOULD_NOT|MAY|INFO)$", n));
    }

    [Fact]
    public void A_test_name_carries_ID_and_level_only_so_rewording_a_statement_never_renames_it()
    {
        var pp5 = Catalog.Find("R-PP-5")!;
        var reworded = pp5 with { Statement = "Entirely different words for the same rule." };
        Assert.Equal(TestNames.MethodName(pp5, hasCheck: true), TestNames.MethodName(reworded, hasCheck: true));
        var mustNot = Catalog.Requirements.First(r => r.Level == RequirementLevel.MustNot);
        Assert.EndsWith("_MUST_NOT", TestNames.MethodName(mustNot, hasCheck: true), StringComparison.Ordinal);
    }
}

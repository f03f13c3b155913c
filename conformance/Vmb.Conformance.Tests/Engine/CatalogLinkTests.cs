using Vmb.Conformance.Checks;
using Vmb.Conformance.Rings.Checks;
using Vmb.Conformance.Running;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>The catalog and the engine agree: every check judges a catalog rule, and the catalog names that check.</summary>
public class CatalogLinkTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void Every_check_judges_a_requirement_of_the_catalog() =>
        Assert.Empty(ConformanceRunner.ChecksMissingFromCatalog(Catalog));

    [Fact]
    public void One_check_per_requirement_id() =>
        Assert.Empty(CheckRegistry.All().GroupBy(c => c.RequirementId).Where(g => g.Count() > 1).Select(g => g.Key));

    [Fact]
    public void The_catalog_check_field_names_the_check_class_and_only_checked_rules_have_one()
    {
        var checks = CheckRegistry.All().ToDictionary(c => c.RequirementId, c => c.GetType().Name);
        // Ring-level checks name the rule's check where no channel-level check does (the channel check wins).
        foreach (var ring in RingCheckRegistry.All()) checks.TryAdd(ring.RequirementId, ring.GetType().Name);
        foreach (var r in Catalog.Requirements)
        {
            if (checks.TryGetValue(r.Id, out var name)) Assert.True(r.Check == name, $"{r.Id}: catalog check '{r.Check}', engine class {name}");
            else Assert.True(r.Check is null, $"{r.Id}: catalog names check '{r.Check}' that the engine does not have");
        }
    }
}

using System.Reflection;
using Vmb.Kmcl;
using Vmb.Spec.Catalog;

namespace Vmb.Ring.Tests;

/// <summary>
/// The catalog says, for every rule of the ring areas, whether and where the reference realises it: in the ring
/// (Vmb.Ring) or, for rules about the channel above the ring, in the channel (Vmb.Kmcl).
/// </summary>
public class CatalogReferenceTests
{
    private static readonly RequirementArea[] RingAreas =
        [RequirementArea.Ring, RequirementArea.Desc, RequirementArea.Cmp, RequirementArea.Sig, RequirementArea.Mal];

    // Type names are unique across the two assemblies, so an entry names a type without saying where it lives.
    private static readonly Assembly[] ReferenceAssemblies = [typeof(RingReader).Assembly, typeof(KmclChannel).Assembly];

    private static IEnumerable<Requirement> RingRules() =>
        RequirementCatalog.Load().Requirements.Where(r => RingAreas.Contains(r.Area));

    [Fact]
    public void D11_every_ring_rule_has_a_reference_entry()
    {
        var rules = RingRules().ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Reference), $"{r.Id} has no reference entry"));
    }

    [Fact]
    public void D12_reference_entries_say_implemented_out_of_scope_or_not_applicable_and_client_rules_are_not_applicable()
    {
        foreach (var r in RingRules())
        {
            var status = r.Reference!.Split(':')[0];
            Assert.True(status is "implemented" or "out-of-scope" or "not-applicable", $"{r.Id}: '{r.Reference}'");
            if (r.Party == Party.Client) Assert.Equal("not-applicable: client-party rule (D12)", r.Reference);
            if (status == "implemented") Assert.Matches(@"^implemented: [A-Z]\w+\.\w+$", r.Reference);
            else Assert.Matches(@"^[a-z-]+: \S", r.Reference);
        }
    }

    [Fact]
    public void D14_every_implementation_MUST_of_the_ring_areas_is_implemented_or_says_why_not()
    {
        var open = RingRules().Where(r => r.Party != Party.Client && r.Level == RequirementLevel.Must
            && !r.Reference!.StartsWith("implemented: ", StringComparison.Ordinal) && !r.Reference.StartsWith("out-of-scope: ", StringComparison.Ordinal));
        Assert.Empty(open.Select(r => r.Id));
    }

    [Fact]
    public void D11_every_implemented_entry_names_a_member_that_exists_in_the_ring_or_the_channel()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var types = ReferenceAssemblies.SelectMany(a => a.GetTypes()).ToList();
        foreach (var r in RingRules().Where(r => r.Reference!.StartsWith("implemented: ", StringComparison.Ordinal)))
        {
            var where = r.Reference!["implemented: ".Length..].Split('.');
            var matches = types.Where(t => t.Name == where[0]).ToList();
            Assert.True(matches.Count == 1, $"{r.Id}: {matches.Count} types named {where[0]} in Vmb.Ring and Vmb.Kmcl; expected exactly one");
            Assert.True(matches[0].GetMember(where[1], all).Length > 0, $"{r.Id}: {where[0]} has no member {where[1]}");
        }
    }
}

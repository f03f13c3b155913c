using System.Reflection;
using Vmb.Spec.Catalog;

namespace Vmb.Kmcl.Tests;

/// <summary>The catalog says, for every rule of the channel areas, whether and where the reference realises it.</summary>
public class CatalogReferenceTests
{
    private static readonly string[] ChannelAreas = ["PP", "CMPL", "FAIL", "EXT", "DEF", "CTX", "PAS", "QUO", "PAUSE", "LIFE", "MIS", "SYNC"];

    private static IEnumerable<Requirement> ChannelRules() =>
        RequirementCatalog.Load().Requirements.Where(r => ChannelAreas.Contains(r.Id.Split('-')[1]));

    [Fact]
    public void D11_every_channel_rule_has_a_reference_entry()
    {
        var rules = ChannelRules().ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Reference), $"{r.Id} has no reference entry"));
    }

    [Fact]
    public void D12_reference_entries_say_implemented_out_of_scope_or_not_applicable_and_client_rules_are_not_applicable()
    {
        foreach (var r in ChannelRules())
        {
            var status = r.Reference!.Split(':')[0];
            Assert.True(status is "implemented" or "out-of-scope" or "not-applicable", $"{r.Id}: '{r.Reference}'");
            if (r.Party == Party.Client) Assert.Equal("not-applicable: client-party rule (D12)", r.Reference);
            if (status == "implemented") Assert.Matches(@"^implemented: [A-Z]\w+\.\w+$", r.Reference);
        }
    }

    [Fact]
    public void D14_every_implementation_MUST_of_the_channel_areas_is_implemented_or_says_why_not()
    {
        var open = ChannelRules().Where(r => r.Party != Party.Client && r.Level == RequirementLevel.Must
            && !r.Reference!.StartsWith("implemented: ", StringComparison.Ordinal) && !r.Reference.StartsWith("out-of-scope: ", StringComparison.Ordinal));
        Assert.Empty(open.Select(r => r.Id));
    }

    [Fact]
    public void D11_every_implemented_entry_names_a_member_that_exists_in_the_reference()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var types = typeof(KmclChannel).Assembly.GetTypes();
        foreach (var r in ChannelRules().Where(r => r.Reference!.StartsWith("implemented: ", StringComparison.Ordinal)))
        {
            var where = r.Reference!["implemented: ".Length..].Split('.');
            var type = types.FirstOrDefault(t => t.Name == where[0]);
            Assert.True(type is not null, $"{r.Id}: no type {where[0]} in Vmb.Kmcl");
            Assert.True(type!.GetMember(where[1], all).Length > 0, $"{r.Id}: {where[0]} has no member {where[1]}");
        }
    }
}

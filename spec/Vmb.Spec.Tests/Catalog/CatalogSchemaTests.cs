using System.Text.Json;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Spec.Tests.Catalog;

/// <summary>The JSON Schema and the loader name the same values, so neither drifts from the other.</summary>
public class CatalogSchemaTests
{
    private static readonly JsonElement Requirement = LoadSchema().GetProperty("$defs").GetProperty("requirement").GetProperty("properties");

    private static JsonElement LoadSchema()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Catalog", "requirements.schema.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static List<string> Enum(JsonElement property) =>
        (property.TryGetProperty("items", out var items) ? items : property).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public void Schema_levels_match_the_loader() => Assert.Equal(RequirementLevels.Names, Enum(Requirement.GetProperty("level")));

    [Fact]
    public void Schema_areas_match_the_loader() => Assert.Equal(RequirementAreas.Names, Enum(Requirement.GetProperty("area")));

    [Fact]
    public void Schema_parties_match_the_loader() => Assert.Equal(Parties.Names, Enum(Requirement.GetProperty("party")));

    [Fact]
    public void Schema_verifications_match_the_loader() => Assert.Equal(Verifications.Names, Enum(Requirement.GetProperty("verification")));

    [Fact]
    public void Schema_evidence_tags_match_the_loader() => Assert.Equal(EvidenceTags.Names, Enum(Requirement.GetProperty("evidence")));

    [Fact]
    public void Schema_depends_values_are_the_capabilities_and_the_two_profiles()
    {
        var expected = System.Enum.GetValues<ChannelCapabilities>().Where(c => c != ChannelCapabilities.None).Select(c => c.ToString())
            .Concat(System.Enum.GetValues<RingCapabilities>().Where(c => c != RingCapabilities.None).Select(c => c.ToString()))
            .Append("profile:raw").Append("profile:pipe");
        Assert.Equal(expected, Enum(Requirement.GetProperty("depends")));
    }

    [Fact]
    public void Schema_check_levels_match_the_loader()
    {
        var forms = Requirement.GetProperty("check").GetProperty("oneOf").EnumerateArray();
        var levels = forms.Single(f => f.GetProperty("type").GetString() == "object").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(CheckLevels.All, levels);
    }

    [Fact]
    public void Schema_requires_the_fields_the_loader_requires()
    {
        var required = LoadSchema().GetProperty("$defs").GetProperty("requirement").GetProperty("required").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["id", "level", "model", "area", "party", "reference", "statement", "evidence", "source", "depends", "verification", "reason", "check"], required);
    }

    [Fact]
    public void Schema_presumes_elements_are_the_rule_and_reason_the_loader_reads()
    {
        var presumes = Requirement.GetProperty("presumes");
        Assert.Equal(1, presumes.GetProperty("minItems").GetInt32());
        var element = presumes.GetProperty("items");
        Assert.False(element.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["rule", "reason"], element.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["rule", "reason"], element.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }
}

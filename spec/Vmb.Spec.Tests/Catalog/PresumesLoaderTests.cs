using System.Text.Json.Nodes;
using Vmb.Spec.Catalog;
using static Vmb.Spec.Tests.Catalog.CatalogText;

namespace Vmb.Spec.Tests.Catalog;

/// <summary>The optional <c>presumes</c> field (D23): what the loader reads, and every shape and graph it rejects.</summary>
public class PresumesLoaderTests
{
    private const string R_PP_2 = "requirements.json: entry R-PP-2 (#1): field \"presumes\": ";

    private static JsonObject Edge(string rule, string reason = "Its check reads what the other rule guarantees.") =>
        new() { ["rule"] = rule, ["reason"] = reason };

    private static JsonObject WithPresumes(int entry, params JsonNode?[] elements)
    {
        var c = Valid();
        Entry(c, entry)["presumes"] = new JsonArray(elements);
        return c;
    }

    [Fact]
    public void A_rule_without_the_field_presumes_nothing()
    {
        var rule = RequirementCatalog.Parse(Valid().ToJsonString(), Source).Find("R-PP-2")!;
        Assert.Empty(rule.Presumes);
        Assert.False(rule.PresumesRule("R-PP-1"));
    }

    [Fact]
    public void Loader_reads_the_edges_in_file_order_with_their_reasons()
    {
        var c = WithPresumes(1, Edge("R-PP-1", "First."), Edge("R-CMPL-1", "Second."));
        var rule = RequirementCatalog.Parse(c.ToJsonString(), Source).Find("R-PP-2")!;
        Assert.Equal([new Presumption("R-PP-1", "First."), new Presumption("R-CMPL-1", "Second.")], rule.Presumes);
        Assert.True(rule.PresumesRule("R-CMPL-1"));
        Assert.False(rule.PresumesRule("R-PP-2"));
    }

    [Fact]
    public void PresumesRule_follows_no_chain()
    {
        // R-PP-2 presumes R-PP-1, which presumes R-CMPL-1: a tie settles on direct edges, never on a path.
        var c = WithPresumes(1, Edge("R-PP-1"));
        Entry(c, 0)["presumes"] = new JsonArray(Edge("R-CMPL-1"));
        var catalog = RequirementCatalog.Parse(c.ToJsonString(), Source);
        Assert.False(catalog.Find("R-PP-2")!.PresumesRule("R-CMPL-1"));
    }

    [Fact]
    public void Loader_rejects_presumes_that_is_not_an_array()
    {
        var c = Valid();
        Entry(c, 1)["presumes"] = "R-PP-1";
        Assert.Equal(R_PP_2 + "expected an array of {\"rule\", \"reason\"} objects, found the string \"R-PP-1\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_an_empty_presumes_array()
    {
        Assert.Equal(R_PP_2 + "must list at least one presumed rule; omit the field when the rule presumes nothing", Rejection(WithPresumes(1)));
    }

    [Fact]
    public void Loader_rejects_an_element_that_is_not_an_object()
    {
        Assert.Equal(R_PP_2 + "element #1: expected an object {\"rule\", \"reason\"}, found the string \"R-CMPL-1\"",
            Rejection(WithPresumes(1, Edge("R-PP-1"), "R-CMPL-1")));
    }

    [Fact]
    public void Loader_rejects_an_unknown_key_in_an_element()
    {
        var edge = Edge("R-PP-1");
        edge["why"] = "x";
        Assert.Equal(R_PP_2 + "element #0: unknown key \"why\"; expected only rule, reason", Rejection(WithPresumes(1, edge)));
    }

    [Fact]
    public void Loader_rejects_a_key_given_twice_in_an_element()
    {
        var json = WithPresumes(1, Edge("R-PP-1", "A.")).ToJsonString()
            .Replace("\"reason\":\"A.\"", "\"reason\":\"A.\",\"reason\":\"B.\"", StringComparison.Ordinal);
        Assert.Equal(R_PP_2 + "element #0: key \"reason\" appears twice", Rejection(json));
    }

    [Fact]
    public void Loader_rejects_an_element_without_rule()
    {
        var edge = Edge("R-PP-1");
        edge.Remove("rule");
        Assert.Equal(R_PP_2 + "element #0: \"rule\" is missing", Rejection(WithPresumes(1, edge)));
    }

    [Theory]
    [InlineData("\"R-PP\"", "the string \"R-PP\"")]
    [InlineData("\"r-pp-1\"", "the string \"r-pp-1\"")]
    [InlineData("\"P-1\"", "the string \"P-1\"")]
    [InlineData("\"\"", "the string \"\"")]
    [InlineData("5", "the number 5")]
    [InlineData("null", "null")]
    public void Loader_rejects_a_rule_that_is_not_a_requirement_id(string rule, string found)
    {
        var edge = Edge("R-PP-1");
        edge["rule"] = JsonNode.Parse(rule);
        Assert.Equal(R_PP_2 + $"element #0: \"rule\": expected a requirement id of the form R-AREA-N, found {found}", Rejection(WithPresumes(1, edge)));
    }

    [Fact]
    public void Loader_rejects_a_rule_that_is_not_in_the_catalog()
    {
        Assert.Equal(R_PP_2 + "names \"R-PP-99\", which is not in the catalog", Rejection(WithPresumes(1, Edge("R-PP-99"))));
    }

    [Fact]
    public void Loader_rejects_a_rule_presuming_itself()
    {
        Assert.Equal(R_PP_2 + "element #0: a rule cannot presume itself", Rejection(WithPresumes(1, Edge("R-PP-2"))));
    }

    [Fact]
    public void Loader_rejects_the_same_rule_presumed_twice()
    {
        Assert.Equal(R_PP_2 + "element #1: \"R-PP-1\" is presumed twice",
            Rejection(WithPresumes(1, Edge("R-PP-1", "One reason."), Edge("R-PP-1", "Another reason."))));
    }

    [Fact]
    public void Loader_rejects_an_element_without_reason()
    {
        var edge = Edge("R-PP-1");
        edge.Remove("reason");
        Assert.Equal(R_PP_2 + "element #0: \"reason\" is missing; say why the rule's check depends on R-PP-1", Rejection(WithPresumes(1, edge)));
    }

    [Theory]
    [InlineData("\"\"", "the string \"\"")]
    [InlineData("\"  \\t\"", "the string \"  \t\"")]
    [InlineData("null", "null")]
    [InlineData("[\"x\"]", "an array")]
    public void Loader_rejects_an_empty_or_non_string_reason(string reason, string found)
    {
        var edge = Edge("R-PP-1");
        edge["reason"] = JsonNode.Parse(reason);
        Assert.Equal(R_PP_2 + $"element #0: \"reason\": expected a non-empty string, found {found}", Rejection(WithPresumes(1, edge)));
    }

    [Fact]
    public void Loader_rejects_two_rules_presuming_each_other()
    {
        var c = WithPresumes(1, Edge("R-PP-1"));
        Entry(c, 0)["presumes"] = new JsonArray(Edge("R-PP-2"));
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"presumes\": the presumes edges form a cycle, R-PP-1 -> R-PP-2 -> R-PP-1; "
            + "in a tie each of its rules would be a consequence of another and none a root (D23)",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_a_cycle_through_other_rules()
    {
        var c = WithPresumes(1, Edge("R-CMPL-1"));
        Entry(c, 2)["presumes"] = new JsonArray(Edge("R-PP-1"));
        Entry(c, 0)["presumes"] = new JsonArray(Edge("R-PP-2"));
        Assert.StartsWith(
            "requirements.json: entry R-PP-1 (#0): field \"presumes\": the presumes edges form a cycle, R-PP-1 -> R-PP-2 -> R-CMPL-1 -> R-PP-1;",
            Rejection(c));
    }

    [Fact]
    public void Loader_names_a_cycle_from_the_member_the_file_lists_first()
    {
        // The search enters the cycle from R-PP-1 (outside it) at R-CMPL-1; the message still starts at R-PP-2.
        var c = WithPresumes(0, Edge("R-CMPL-1"));
        Entry(c, 2)["presumes"] = new JsonArray(Edge("R-PP-2"));
        Entry(c, 1)["presumes"] = new JsonArray(Edge("R-CMPL-1"));
        Assert.StartsWith(
            "requirements.json: entry R-PP-2 (#1): field \"presumes\": the presumes edges form a cycle, R-PP-2 -> R-CMPL-1 -> R-PP-2;",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_a_cycle_that_only_part_of_the_edges_close()
    {
        // R-PP-1 presumes R-PP-2 and R-CMPL-1; only the second branch leads back.
        var c = WithPresumes(0, Edge("R-PP-2"), Edge("R-CMPL-1"));
        Entry(c, 2)["presumes"] = new JsonArray(Edge("R-PP-1"));
        Assert.StartsWith(
            "requirements.json: entry R-PP-1 (#0): field \"presumes\": the presumes edges form a cycle, R-PP-1 -> R-CMPL-1 -> R-PP-1;",
            Rejection(c));
    }

    [Fact]
    public void Loader_accepts_two_rules_presuming_the_same_rule()
    {
        // A shared cause is a diamond, not a cycle.
        var c = WithPresumes(1, Edge("R-PP-1"));
        Entry(c, 2)["presumes"] = new JsonArray(Edge("R-PP-1"), Edge("R-PP-2"));
        var catalog = RequirementCatalog.Parse(c.ToJsonString(), Source);
        Assert.True(catalog.Find("R-CMPL-1")!.PresumesRule("R-PP-2"));
    }
}

using System.Text.Json.Nodes;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using static Vmb.Spec.Tests.Catalog.CatalogText;

namespace Vmb.Spec.Tests.Catalog;

/// <summary>One test per kind of malformed catalog; each asserts that the message names entry and field.</summary>
public class LoaderRejectionTests
{
    [Fact]
    public void Loader_accepts_the_minimal_catalog_the_rejection_tests_break()
    {
        var catalog = RequirementCatalog.Parse(Valid().ToJsonString(), Source);
        Assert.Equal(3, catalog.Requirements.Count);
        Assert.Equal(RequirementLevel.Must, catalog.Find("R-PP-2")!.Level);
        Assert.Equal(["R-PP-1", "R-CMPL-1"], catalog.Properties.Single().Rules);
    }

    [Fact]
    public void Loader_rejects_invalid_JSON_with_line_and_position()
    {
        var message = Rejection("{\n  \"schemaVersion\": 1,\n  \"catalogVersion\": ]\n}");
        Assert.StartsWith("requirements.json: invalid JSON at line 3, position 21", message);
    }

    [Fact]
    public void Loader_rejects_trailing_commas_as_invalid_JSON()
    {
        var json = Valid().ToJsonString().Replace("\"0.1.0\",", "\"0.1.0\",,", StringComparison.Ordinal);
        Assert.Contains("invalid JSON at line 1", Rejection(json));
    }

    [Fact]
    public void Loader_rejects_duplicate_id_naming_both_entries()
    {
        var c = Valid();
        Entry(c, 2)["id"] = "R-PP-1";
        Entry(c, 2)["area"] = "PP";
        Assert.Equal("requirements.json: entry R-PP-1 (#2): field \"id\": duplicate id \"R-PP-1\": entry R-PP-1 (#0) already uses it", Rejection(c));
    }

    [Theory]
    [InlineData("R-pp-1")]
    [InlineData("R-PP-01")]
    [InlineData("PP-1")]
    [InlineData("R-PP-")]
    public void Loader_rejects_bad_id_format(string id)
    {
        var c = Valid();
        Entry(c, 1)["id"] = id;
        Assert.Equal($"requirements.json: entry {id} (#1): field \"id\": \"{id}\" is not a requirement id of the form R-AREA-N (e.g. R-PP-5)", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_missing_id_naming_the_entry_by_index()
    {
        var c = Valid();
        Entry(c, 1).Remove("id");
        Assert.Equal("requirements.json: entry #1: field \"id\": required field is missing", Rejection(c));
    }

    [Theory]
    [InlineData("level")]
    [InlineData("model")]
    [InlineData("area")]
    [InlineData("party")]
    [InlineData("reference")]
    [InlineData("statement")]
    [InlineData("evidence")]
    [InlineData("source")]
    [InlineData("depends")]
    [InlineData("verification")]
    [InlineData("reason")]
    [InlineData("check")]
    public void Loader_rejects_missing_required_field(string field)
    {
        var c = Valid();
        Entry(c, 1).Remove(field);
        Assert.Equal($"requirements.json: entry R-PP-2 (#1): field \"{field}\": required field is missing", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_level_listing_the_six_levels()
    {
        var c = Valid();
        Entry(c, 1)["level"] = "MUSTT";
        Assert.Equal(
            "requirements.json: entry R-PP-2 (#1): field \"level\": unknown level \"MUSTT\"; expected one of MUST, MUST NOT, SHOULD, SHOULD NOT, MAY, INFO",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_lower_case_level()
    {
        var c = Valid();
        Entry(c, 1)["level"] = "must";
        Assert.StartsWith("requirements.json: entry R-PP-2 (#1): field \"level\": unknown level \"must\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_area()
    {
        var c = Valid();
        Entry(c, 0)["area"] = "PPX";
        Assert.StartsWith("requirements.json: entry R-PP-1 (#0): field \"area\": unknown area \"PPX\"; expected one of PP, CMPL,", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_area_that_contradicts_the_id()
    {
        var c = Valid();
        Entry(c, 0)["area"] = "CMPL";
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"area\": area \"CMPL\" does not match the id \"R-PP-1\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_party()
    {
        var c = Valid();
        Entry(c, 0)["party"] = "driver";
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"party\": unknown party \"driver\"; expected one of implementation, client, both", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_verification()
    {
        var c = Valid();
        Entry(c, 0)["verification"] = "tested";
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"verification\": unknown verification \"tested\"; expected one of check, by-construction, review, not-observable",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_evidence_tag()
    {
        var c = Valid();
        Entry(c, 0)["evidence"] = new JsonArray("DOC", "GUESS");
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"evidence\": unknown evidence tag \"GUESS\"; expected any of DOC, HDR, INF, UNK, ALL, MOST, DIS",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_empty_evidence()
    {
        var c = Valid();
        Entry(c, 0)["evidence"] = new JsonArray();
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"evidence\": must list at least one value", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_repeated_evidence_tag()
    {
        var c = Valid();
        Entry(c, 0)["evidence"] = new JsonArray("DOC", "DOC");
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"evidence\": \"DOC\" is listed twice", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_non_check_verification_without_reason()
    {
        var c = Valid();
        Entry(c, 0)["verification"] = "review";
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"reason\": verification \"review\" needs a reason saying why the rule is not checked",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_blank_reason_as_empty()
    {
        var c = Valid();
        Entry(c, 0)["verification"] = "not-observable";
        Entry(c, 0)["reason"] = "  ";
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"reason\": must not be empty", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_reason_on_a_checked_rule()
    {
        var c = Valid();
        Entry(c, 0)["reason"] = "because";
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"reason\": must be null when verification is \"check\" and a check judges the rule", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_a_rule_to_be_checked_with_neither_check_nor_reason()
    {
        var c = Valid();
        Entry(c, 0)["check"] = null;
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"reason\": a rule to be checked that has no check yet needs a reason saying why it is untested", Rejection(c));
    }

    [Fact]
    public void Loader_accepts_an_untested_rule_that_says_why()
    {
        var c = Valid();
        Entry(c, 0)["check"] = null;
        Entry(c, 0)["reason"] = "no driver for it yet";
        var rule = Vmb.Spec.Catalog.RequirementCatalog.Parse(c.ToJsonString(), Source).Find("R-PP-1")!;
        Assert.Empty(rule.Checks);
        Assert.Null(rule.CheckAt(CheckLevels.Channel));
        Assert.Equal("no driver for it yet", rule.Reason);
    }

    [Fact]
    public void Loader_reads_a_check_per_level_in_level_order()
    {
        var c = Valid();
        Entry(c, 0)["check"] = new JsonObject { ["ring"] = "RingSideCheck", ["channel"] = "ChannelSideCheck" };
        Entry(c, 1)["check"] = new JsonObject { ["ring"] = "RingOnlyCheck" };
        var catalog = RequirementCatalog.Parse(c.ToJsonString(), Source);
        var both = catalog.Find("R-PP-1")!;
        Assert.Equal([CheckLevels.Channel, CheckLevels.Ring], both.Checks.Keys);
        Assert.Equal(("ChannelSideCheck", "RingSideCheck"), (both.CheckAt(CheckLevels.Channel), both.CheckAt(CheckLevels.Ring)));
        var ringOnly = catalog.Find("R-PP-2")!;
        Assert.False(ringOnly.IsJudgedAt(CheckLevels.Channel));
        Assert.True(ringOnly.IsJudgedAt(CheckLevels.Ring));
        Assert.Null(ringOnly.CheckAt(CheckLevels.Channel));
    }

    [Fact]
    public void Loader_rejects_a_check_at_an_unknown_level()
    {
        var c = Valid();
        Entry(c, 0)["check"] = new JsonObject { ["channel"] = "SomeCheck", ["thread"] = "OtherCheck" };
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"check\": unknown level \"thread\"; expected one of channel, ring", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_level_names_in_another_case()
    {
        var c = Valid();
        Entry(c, 0)["check"] = new JsonObject { ["Channel"] = "SomeCheck" };
        Assert.StartsWith("requirements.json: entry R-PP-1 (#0): field \"check\": unknown level \"Channel\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_an_empty_check_object()
    {
        var c = Valid();
        Entry(c, 0)["check"] = new JsonObject();
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"check\": names no level; write null when no check judges the rule", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_a_check_class_name_that_is_not_a_string()
    {
        var c = Valid();
        Entry(c, 0)["check"] = new JsonObject { ["ring"] = 7 };
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"check\": level \"ring\": expected a non-empty check class name, found the number 7", Rejection(c));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Loader_rejects_an_empty_check_class_name(string name)
    {
        var c = Valid();
        Entry(c, 0)["check"] = new JsonObject { ["channel"] = name };
        Assert.Equal(
            $"requirements.json: entry R-PP-1 (#0): field \"check\": level \"channel\": expected a non-empty check class name, found the string \"{name}\"",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_the_old_single_name_form_of_check()
    {
        var c = Valid();
        Entry(c, 0)["check"] = "SomeCheck";
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"check\": expected null or an object from level (channel, ring) to check class name, found the string \"SomeCheck\"",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_a_level_given_twice()
    {
        var json = Valid().ToJsonString().Replace("{\"channel\":\"SomeCheck\"}", "{\"channel\":\"SomeCheck\",\"channel\":\"OtherCheck\"}", StringComparison.Ordinal);
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"check\": level \"channel\" appears twice", Rejection(json));
    }

    [Fact]
    public void Loader_rejects_reason_on_a_rule_only_the_ring_level_judges()
    {
        var c = Valid();
        Entry(c, 0)["check"] = new JsonObject { ["ring"] = "SomeRingCheck" };
        Entry(c, 0)["reason"] = "because";
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"reason\": must be null when verification is \"check\" and a check judges the rule", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_mergedInto_an_unknown_id()
    {
        var c = Valid();
        Entry(c, 1)["mergedInto"] = "R-PP-99";
        Assert.Equal("requirements.json: entry R-PP-2 (#1): field \"mergedInto\": names \"R-PP-99\", which is not in the catalog", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_mergedInto_itself()
    {
        var c = Valid();
        Entry(c, 1)["mergedInto"] = "R-PP-2";
        Assert.Equal("requirements.json: entry R-PP-2 (#1): field \"mergedInto\": a rule cannot be merged into itself", Rejection(c));
    }

    [Fact]
    public void Loader_accepts_mergedInto_a_present_id()
    {
        var c = Valid();
        Entry(c, 1)["mergedInto"] = "R-PP-1";
        Assert.Equal("R-PP-1", RequirementCatalog.Parse(c.ToJsonString(), Source).Find("R-PP-2")!.MergedInto);
    }

    [Fact]
    public void Loader_rejects_property_rule_naming_an_unknown_id()
    {
        var c = Valid();
        c["properties"]![0]!["rules"] = new JsonArray("R-PP-1", "R-SIG-42");
        Assert.Equal("requirements.json: property P-1 (#0): field \"rules\": names \"R-SIG-42\", which is not in the catalog", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_duplicate_property_id_naming_both_entries()
    {
        var c = Valid();
        c["properties"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "P-1", ["source"] = "test", ["statement"] = "Again.", ["rules"] = new JsonArray("R-PP-2"),
        });
        Assert.Equal("requirements.json: property P-1 (#1): field \"id\": duplicate id \"P-1\": property P-1 (#0) already uses it", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_bad_property_id()
    {
        var c = Valid();
        c["properties"]![0]!["id"] = "Q-1";
        Assert.Equal("requirements.json: property Q-1 (#0): field \"id\": \"Q-1\" is not a property id of the form P-N or INV-NAME", Rejection(c));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void Loader_rejects_wrong_schemaVersion(int version)
    {
        var c = Valid();
        c["schemaVersion"] = version;
        Assert.Equal($"requirements.json: field \"schemaVersion\": unsupported schema version {version}; this loader reads version 1", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_schemaVersion_that_is_not_an_integer()
    {
        var c = Valid();
        c["schemaVersion"] = "1";
        Assert.Equal("requirements.json: field \"schemaVersion\": expected an integer, found the string \"1\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_catalogVersion_that_is_not_MAJOR_MINOR_PATCH()
    {
        var c = Valid();
        c["catalogVersion"] = "v1";
        Assert.Equal("requirements.json: field \"catalogVersion\": \"v1\" is not a version of the form MAJOR.MINOR.PATCH", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_field_in_a_requirement()
    {
        var c = Valid();
        Entry(c, 2)["levle"] = "MUST";
        Assert.StartsWith("requirements.json: entry R-CMPL-1 (#2): field \"levle\": unknown field; expected only id, level,", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_top_level_field()
    {
        var c = Valid();
        c["comment"] = "x";
        Assert.StartsWith("requirements.json: field \"comment\": unknown field", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_field_in_a_property()
    {
        var c = Valid();
        c["properties"]![0]!["note"] = "x";
        Assert.StartsWith("requirements.json: property P-1 (#0): field \"note\": unknown field", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_a_field_given_twice()
    {
        var json = Valid().ToJsonString().Replace("\"level\":\"MUST\",", "\"level\":\"MUST\",\"level\":\"MAY\",", StringComparison.Ordinal);
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"level\": field appears twice", Rejection(json));
    }

    [Fact]
    public void Loader_rejects_a_value_of_the_wrong_type()
    {
        var c = Valid();
        Entry(c, 0)["model"] = "yes";
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"model\": expected true or false, found the string \"yes\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_an_entry_that_is_not_an_object()
    {
        var c = Valid();
        c["requirements"]!.AsArray().Add("R-PP-3");
        Assert.Equal("requirements.json: entry #3: expected a JSON object, found the string \"R-PP-3\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_model_flag_on_a_level_other_than_MUST()
    {
        var c = Valid();
        Entry(c, 0)["level"] = "SHOULD";
        Entry(c, 0)["model"] = true;
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"model\": model rules are \"MUST (model)\"; level SHOULD cannot be a model rule",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_capability_in_depends()
    {
        var c = Valid();
        Entry(c, 0)["depends"] = new JsonArray("Telepathy");
        Assert.StartsWith(
            "requirements.json: entry R-PP-1 (#0): field \"depends\": unknown capability \"Telepathy\"; expected a ChannelCapabilities member (TransferPagesAreExternalData,",
            Rejection(c));
    }

    [Fact]
    public void D25_loader_reads_ring_capabilities_in_depends_apart_from_channel_capabilities()
    {
        var c = Valid();
        Entry(c, 0)["depends"] = new JsonArray("StrictReader", "ExternalData");
        var rule = RequirementCatalog.Parse(c.ToJsonString(), "requirements.json").Requirements[0];
        Assert.Equal((RingCapabilities.StrictReader, ChannelCapabilities.ExternalData), (rule.RequiredRingCapabilities, rule.RequiredCapabilities));
        Assert.True(rule.AppliesToRing(RingCapabilities.None, RingCapabilities.StrictReader | RingCapabilities.StagedPublication));
        Assert.False(rule.AppliesToRing(RingCapabilities.StagedPublication, RingCapabilities.None));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("1")]
    [InlineData("ExCallbacks, ClientContext")]
    public void Loader_rejects_depends_that_only_enum_parsing_would_accept(string name)
    {
        var c = Valid();
        Entry(c, 0)["depends"] = new JsonArray(name);
        Assert.StartsWith($"requirements.json: entry R-PP-1 (#0): field \"depends\": unknown capability \"{name}\"", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_unknown_profile_in_depends()
    {
        var c = Valid();
        Entry(c, 0)["depends"] = new JsonArray("profile:kmcl-sim");
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"depends\": unknown profile \"profile:kmcl-sim\"; expected profile:raw or profile:pipe",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_two_profiles_in_depends()
    {
        var c = Valid();
        Entry(c, 0)["depends"] = new JsonArray("profile:raw", "profile:pipe");
        Assert.Equal(
            "requirements.json: entry R-PP-1 (#0): field \"depends\": names more than one framing profile; a rule can be about one profile only",
            Rejection(c));
    }

    [Fact]
    public void Loader_rejects_bad_decision_id()
    {
        var c = Valid();
        Entry(c, 0)["decision"] = new JsonArray("D3", "decision-4");
        Assert.Equal("requirements.json: entry R-PP-1 (#0): field \"decision\": \"decision-4\" is not a decision id of the form Dn", Rejection(c));
    }

    [Fact]
    public void Loader_rejects_empty_statement()
    {
        var c = Valid();
        Entry(c, 2)["statement"] = "";
        Assert.Equal("requirements.json: entry R-CMPL-1 (#2): field \"statement\": must not be empty", Rejection(c));
    }

    [Fact]
    public void Loader_names_the_source_it_was_given()
    {
        var c = Valid();
        Entry(c, 0)["party"] = "nobody";
        var e = Assert.Throws<CatalogFormatException>(() => RequirementCatalog.Parse(c.ToJsonString(), "my-catalog.json"));
        Assert.StartsWith("my-catalog.json: entry R-PP-1 (#0)", e.Message);
        Assert.Equal(("my-catalog.json", "entry R-PP-1 (#0)", "party"), (e.SourceName, e.Entry, e.Field));
    }
}

using System.Text.Json.Nodes;

namespace Vmb.Spec.Tests.Catalog;

/// <summary>A small valid catalog as a JSON tree, so each rejection test breaks exactly one thing.</summary>
internal static class CatalogText
{
    public const string Source = "requirements.json";

    public static JsonObject Valid() => new()
    {
        ["schemaVersion"] = 1,
        ["catalogVersion"] = "0.1.0",
        ["requirements"] = new JsonArray(
            Requirement("R-PP-1", "PP"),
            Requirement("R-PP-2", "PP"),
            Requirement("R-CMPL-1", "CMPL")),
        ["properties"] = new JsonArray(new JsonObject
        {
            ["id"] = "P-1",
            ["source"] = "test",
            ["statement"] = "A property.",
            ["rules"] = new JsonArray("R-PP-1", "R-CMPL-1"),
        }),
    };

    public static JsonObject Requirement(string id, string area) => new()
    {
        ["id"] = id,
        ["level"] = "MUST",
        ["model"] = false,
        ["area"] = area,
        ["party"] = "implementation",
        ["reference"] = null,
        ["statement"] = "A rule in our words.",
        ["evidence"] = new JsonArray("DOC"),
        ["source"] = "test",
        ["depends"] = new JsonArray(),
        ["verification"] = "check",
        ["reason"] = null,
        ["check"] = new JsonObject { ["channel"] = "SomeCheck" },
    };

    /// <summary>The requirement at <paramref name="index"/> of <paramref name="catalog"/>.</summary>
    public static JsonObject Entry(JsonObject catalog, int index) => catalog["requirements"]![index]!.AsObject();

    /// <summary>Parses a broken catalog and returns the loader's message; fails the test if it loads.</summary>
    public static string Rejection(JsonObject catalog) => Rejection(catalog.ToJsonString());

    public static string Rejection(string json) =>
        Assert.Throws<Vmb.Spec.Catalog.CatalogFormatException>(() => Vmb.Spec.Catalog.RequirementCatalog.Parse(json, Source)).Message;
}

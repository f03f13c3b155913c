using System.Text.Json;
using Json.Schema;

namespace Vmb.Conformance.Suite.Tests.Reports;

/// <summary>Validates produced JSON against a schema in spec/ with a maintained JSON Schema library (draft 2020-12).</summary>
internal static class SchemaCheck
{
    // The library registers every schema under its $id for the whole process and refuses a second registration,
    // so each schema text is built once and shared by every test that validates against it.
    private static readonly Dictionary<string, JsonSchema> Built = new(StringComparer.Ordinal);

    /// <summary>Every violation as "location: keyword: error", empty when <paramref name="value"/> is valid.</summary>
    public static List<string> Validate(JsonElement schema, JsonElement value)
    {
        var built = Build(schema.GetRawText());
        // The flag format stops at the first failure; only an invalid document pays for the full list of locations.
        if (built.Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid) return [];
        var evaluated = built.Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return (evaluated.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
    }

    private static JsonSchema Build(string text)
    {
        lock (Built)
        {
            if (!Built.TryGetValue(text, out var schema)) Built[text] = schema = JsonSchema.FromText(text);
            return schema;
        }
    }
}

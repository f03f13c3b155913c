using System.Text.Json;

namespace Vmb.Conformance.Suite.Tests.Reports;

/// <summary>
/// A small JSON Schema checker for the keywords spec/report.schema.json uses (type, required, properties,
/// additionalProperties, items, enum, oneOf, $ref to #/$defs). No schema package is available here, and the
/// report's schema needs nothing more; an unknown keyword is an error so the checker never silently skips one.
/// </summary>
internal static class MiniSchema
{
    private static readonly HashSet<string> Known =
        ["$schema", "$id", "title", "description", "type", "required", "properties", "additionalProperties", "items", "enum", "oneOf", "$ref", "$defs"];

    public static List<string> Validate(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, schema, value, "$", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
            if (!Known.Contains(keyword.Name)) throw new NotSupportedException($"schema keyword '{keyword.Name}' at {at} is not supported by MiniSchema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            const string prefix = "#/$defs/";
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) throw new NotSupportedException($"$ref '{name}'");
            Check(root, root.GetProperty("$defs").GetProperty(name[prefix.Length..]), value, at, errors);
            return;
        }
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matching = oneOf.EnumerateArray().Count(s => Validate(root, s, value).Count == 0);
            if (matching != 1) errors.Add($"{at}: matches {matching} of the oneOf alternatives, expected exactly 1");
            return;
        }
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{at}: expected {type}, found {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText()))
            errors.Add($"{at}: {value.GetRawText()} is not one of {options.GetRawText()}");
        if (value.ValueKind == JsonValueKind.Object) CheckObject(root, schema, value, at, errors);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Check(root, items, item, $"{at}[{i++}]", errors);
        }
    }

    private static List<string> Validate(JsonElement root, JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(root, schema, value, "$", errors);
        return errors;
    }

    private static void CheckObject(JsonElement root, JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{at}: required property '{name}' is missing");
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var sub))
                Check(root, sub, member.Value, $"{at}.{member.Name}", errors);
            else if (schema.TryGetProperty("additionalProperties", out var extra))
            {
                if (extra.ValueKind == JsonValueKind.False) errors.Add($"{at}: property '{member.Name}' is not allowed");
                else if (extra.ValueKind == JsonValueKind.Object) Check(root, extra, member.Value, $"{at}.{member.Name}", errors);
            }
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => TypeMatches(t, value)) : type.GetString() switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
            "number" => value.ValueKind == JsonValueKind.Number,
            var other => throw new NotSupportedException($"type '{other}'"),
        };
}

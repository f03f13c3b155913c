using System.Text.Json;

namespace Vmb.Spec.Catalog;

/// <summary>
/// The fields of one JSON object, read strictly: unknown and repeated fields are errors, and every accessor
/// names the entry and field when the value has the wrong shape.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _fields;
    private readonly string _source;

    public string? Entry { get; }

    private JsonFields(Dictionary<string, JsonElement> fields, string source, string? entry)
    {
        _fields = fields;
        _source = source;
        Entry = entry;
    }

    /// <summary>
    /// Reads <paramref name="element"/> as an object. <paramref name="label"/> computes the entry label from the
    /// object's fields so the label can carry the entry's id once it is known.
    /// </summary>
    public static JsonFields Read(JsonElement element, string source, Func<JsonElement?, string?> label, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new CatalogFormatException(source, label(null), null, $"expected a JSON object, found {Describe(element)}");

        var entry = label(element);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!required.Contains(property.Name) && !optional.Contains(property.Name))
                throw new CatalogFormatException(source, entry, property.Name, $"unknown field; expected only {string.Join(", ", required.Concat(optional))}");
            if (!fields.TryAdd(property.Name, property.Value))
                throw new CatalogFormatException(source, entry, property.Name, "field appears twice");
        }

        foreach (var name in required)
        {
            if (!fields.ContainsKey(name))
                throw new CatalogFormatException(source, entry, name, "required field is missing");
        }

        return new JsonFields(fields, source, entry);
    }

    public CatalogFormatException Error(string field, string problem) => new(_source, Entry, field, problem);

    public bool Has(string field) => _fields.ContainsKey(field);

    public JsonElement Raw(string field) => _fields[field];

    public string String(string field)
    {
        var value = _fields[field];
        if (value.ValueKind != JsonValueKind.String)
            throw Error(field, $"expected a string, found {Describe(value)}");
        var text = value.GetString()!;
        if (text.Trim().Length == 0)
            throw Error(field, "must not be empty");
        return text;
    }

    public string? NullableString(string field) =>
        _fields[field].ValueKind == JsonValueKind.Null ? null : String(field);

    public bool Bool(string field)
    {
        var value = _fields[field];
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(field, $"expected true or false, found {Describe(value)}"),
        };
    }

    /// <summary>An array of non-empty strings without repeats, in file order.</summary>
    public IReadOnlyList<string> StringArray(string field, bool allowEmpty)
    {
        var value = _fields[field];
        if (value.ValueKind != JsonValueKind.Array)
            throw Error(field, $"expected an array of strings, found {Describe(value)}");
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Trim().Length == 0)
                throw Error(field, $"expected an array of non-empty strings, found an element {Describe(item)}");
            var text = item.GetString()!;
            if (items.Contains(text))
                throw Error(field, $"\"{text}\" is listed twice");
            items.Add(text);
        }

        if (!allowEmpty && items.Count == 0)
            throw Error(field, "must list at least one value");
        return items;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };
}

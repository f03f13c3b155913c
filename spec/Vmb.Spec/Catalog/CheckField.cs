using System.Collections.ObjectModel;
using System.Text.Json;

namespace Vmb.Spec.Catalog;

/// <summary>Reads a requirement's <c>check</c> field: null, or an object from level (<see cref="CheckLevels"/>) to check class name.</summary>
internal static class CheckField
{
    public const string Name = "check";

    /// <summary>The checks by level, in <see cref="CheckLevels.All"/> order; empty for null.</summary>
    public static IReadOnlyDictionary<string, string> Read(JsonFields f)
    {
        var value = f.Raw(Name);
        if (value.ValueKind == JsonValueKind.Null) return ReadOnlyDictionary<string, string>.Empty;
        if (value.ValueKind != JsonValueKind.Object)
            throw f.Error(Name, $"expected null or an object from level ({CheckLevels.ExpectedList}) to check class name, found {JsonFields.Describe(value)}");

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            if (!CheckLevels.IsKnown(entry.Name))
                throw f.Error(Name, $"unknown level \"{entry.Name}\"; expected one of {CheckLevels.ExpectedList}");
            if (entry.Value.ValueKind != JsonValueKind.String || entry.Value.GetString()!.Trim().Length == 0)
                throw f.Error(Name, $"level \"{entry.Name}\": expected a non-empty check class name, found {JsonFields.Describe(entry.Value)}");
            // JsonDocument keeps repeated keys; a second entry for one level would silently hide the first.
            if (!found.TryAdd(entry.Name, entry.Value.GetString()!))
                throw f.Error(Name, $"level \"{entry.Name}\" appears twice");
        }

        if (found.Count == 0)
            throw f.Error(Name, "names no level; write null when no check judges the rule");

        // Catalog order, not file order, so every reader of Checks sees the levels the same way.
        var ordered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var level in CheckLevels.All)
        {
            if (found.TryGetValue(level, out var check)) ordered.Add(level, check);
        }

        return ordered.AsReadOnly();
    }
}

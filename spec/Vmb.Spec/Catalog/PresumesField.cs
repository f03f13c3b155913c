using System.Text.Json;

namespace Vmb.Spec.Catalog;

/// <summary>
/// Reads a requirement's optional <c>presumes</c> field: an array of <c>{"rule", "reason"}</c> objects. Only the
/// shape and the entry's own consistency are checked here; whether the rules exist and whether the edges form a
/// cycle needs the whole catalog (<see cref="PresumesGraph"/>).
/// </summary>
internal static class PresumesField
{
    public const string Name = "presumes";

    private static readonly string[] Keys = ["rule", "reason"];

    /// <summary>The presumed rules in file order; empty when the field is absent.</summary>
    public static IReadOnlyList<Presumption> Read(JsonFields f, string id)
    {
        if (!f.Has(Name)) return [];
        var value = f.Raw(Name);
        if (value.ValueKind != JsonValueKind.Array)
            throw f.Error(Name, $"expected an array of {{\"rule\", \"reason\"}} objects, found {JsonFields.Describe(value)}");

        var list = new List<Presumption>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var presumption = ReadElement(f, element, $"element #{index}");
            if (presumption.RuleId == id)
                throw f.Error(Name, $"element #{index}: a rule cannot presume itself");
            if (list.Any(p => p.RuleId == presumption.RuleId))
                throw f.Error(Name, $"element #{index}: \"{presumption.RuleId}\" is presumed twice");
            list.Add(presumption);
            index++;
        }

        // An empty list would say the same as no field; one spelling keeps "presumes nothing" greppable.
        if (list.Count == 0)
            throw f.Error(Name, "must list at least one presumed rule; omit the field when the rule presumes nothing");
        return list;
    }

    private static Presumption ReadElement(JsonFields f, JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw f.Error(Name, $"{where}: expected an object {{\"rule\", \"reason\"}}, found {JsonFields.Describe(element)}");

        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var key in element.EnumerateObject())
        {
            if (!Keys.Contains(key.Name, StringComparer.Ordinal))
                throw f.Error(Name, $"{where}: unknown key \"{key.Name}\"; expected only rule, reason");
            // JsonDocument keeps repeated keys; a second one would silently hide the first.
            if (!found.TryAdd(key.Name, key.Value))
                throw f.Error(Name, $"{where}: key \"{key.Name}\" appears twice");
        }

        if (!found.TryGetValue("rule", out var rule))
            throw f.Error(Name, $"{where}: \"rule\" is missing");
        if (rule.ValueKind != JsonValueKind.String || !CatalogReader.IsRequirementId(rule.GetString()!))
            throw f.Error(Name, $"{where}: \"rule\": expected a requirement id of the form R-AREA-N, found {JsonFields.Describe(rule)}");

        if (!found.TryGetValue("reason", out var reason))
            throw f.Error(Name, $"{where}: \"reason\" is missing; say why the rule's check depends on {rule.GetString()}");
        if (reason.ValueKind != JsonValueKind.String || reason.GetString()!.Trim().Length == 0)
            throw f.Error(Name, $"{where}: \"reason\": expected a non-empty string, found {JsonFields.Describe(reason)}");

        return new Presumption(rule.GetString()!, reason.GetString()!);
    }
}

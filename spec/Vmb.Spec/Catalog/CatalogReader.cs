using System.Text.Json;
using System.Text.RegularExpressions;
using Vmb.Spec.Spi;

namespace Vmb.Spec.Catalog;

/// <summary>Turns catalog JSON into a <see cref="RequirementCatalog"/>, rejecting anything the schema would.</summary>
internal static partial class CatalogReader
{
    public const int SupportedSchemaVersion = 1;

    private static readonly string[] TopFields = ["schemaVersion", "catalogVersion", "requirements", "properties"];

    // Field order here is the order of the file (other tools edit single fields; keeping it stable keeps merges clean).
    private static readonly string[] RequirementFields =
        ["id", "level", "model", "area", "party", "reference", "statement", "evidence", "source", "depends", "verification", "reason", "check"];

    private static readonly string[] RequirementOptionalFields = ["mergedInto", "decision", PresumesField.Name];

    private static readonly string[] PropertyFields = ["id", "source", "statement", "rules"];

    private const string ProfilePrefix = "profile:";

    [GeneratedRegex(@"^R-([A-Z]+)-[1-9][0-9]*$")]
    private static partial Regex RequirementId();

    /// <summary>True when <paramref name="text"/> has the form of a requirement id (R-AREA-N); says nothing about the catalog holding it.</summary>
    public static bool IsRequirementId(string text) => RequirementId().IsMatch(text);

    [GeneratedRegex(@"^(P-[1-9][0-9]*|INV-[A-Z]+(-[A-Z]+)*)$")]
    private static partial Regex PropertyId();

    [GeneratedRegex(@"^D[1-9][0-9]*$")]
    private static partial Regex DecisionId();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial Regex SemanticVersion();

    public static RequirementCatalog Read(string json, string source)
    {
        using var document = ParseJson(json, source);
        var top = JsonFields.Read(document.RootElement, source, _ => null, TopFields, []);

        var schema = top.Raw("schemaVersion");
        if (schema.ValueKind != JsonValueKind.Number || !schema.TryGetInt32(out var schemaVersion))
            throw top.Error("schemaVersion", $"expected an integer, found {JsonFields.Describe(schema)}");
        if (schemaVersion != SupportedSchemaVersion)
            throw top.Error("schemaVersion", $"unsupported schema version {schemaVersion}; this loader reads version {SupportedSchemaVersion}");

        var catalogVersion = top.String("catalogVersion");
        if (!SemanticVersion().IsMatch(catalogVersion))
            throw top.Error("catalogVersion", $"\"{catalogVersion}\" is not a version of the form MAJOR.MINOR.PATCH");

        var requirements = ReadRequirements(top, source);
        var properties = ReadProperties(top, source, requirements);
        return new RequirementCatalog(schemaVersion, catalogVersion, requirements, properties);
    }

    private static JsonDocument ParseJson(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            // JsonException counts lines and bytes from 0; people count from 1.
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new CatalogFormatException(source, null, null, $"invalid JSON at line {line}, position {position}: {FirstSentence(e.Message)}", e);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static IEnumerable<JsonElement> Array(JsonFields owner, string field)
    {
        var value = owner.Raw(field);
        if (value.ValueKind != JsonValueKind.Array)
            throw owner.Error(field, $"expected an array, found {JsonFields.Describe(value)}");
        return value.EnumerateArray();
    }

    private static string EntryLabel(string kind, int index, JsonElement? element)
    {
        if (element is { } e && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.Length > 0)
            return $"{kind} {id.GetString()} (#{index})";
        return $"{kind} #{index}";
    }

    private static List<Requirement> ReadRequirements(JsonFields top, string source)
    {
        var list = new List<Requirement>();
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in Array(top, "requirements"))
        {
            var fields = JsonFields.Read(element, source, e => EntryLabel("entry", index, e), RequirementFields, RequirementOptionalFields);
            var requirement = ReadRequirement(fields);
            if (!firstIndex.TryAdd(requirement.Id, index))
                throw fields.Error("id", $"duplicate id \"{requirement.Id}\": entry {requirement.Id} (#{firstIndex[requirement.Id]}) already uses it");
            list.Add(requirement);
            index++;
        }

        index = 0;
        foreach (var requirement in list)
        {
            if (requirement.MergedInto is { } target)
            {
                var entry = $"entry {requirement.Id} (#{index})";
                if (target == requirement.Id)
                    throw new CatalogFormatException(source, entry, "mergedInto", "a rule cannot be merged into itself");
                if (!firstIndex.ContainsKey(target))
                    throw new CatalogFormatException(source, entry, "mergedInto", $"names \"{target}\", which is not in the catalog");
            }

            index++;
        }

        PresumesGraph.Validate(list, source);
        return list;
    }

    private static Requirement ReadRequirement(JsonFields f)
    {
        var id = f.String("id");
        var idMatch = RequirementId().Match(id);
        if (!idMatch.Success)
            throw f.Error("id", $"\"{id}\" is not a requirement id of the form R-AREA-N (e.g. R-PP-5)");

        var levelText = f.String("level");
        if (!RequirementLevels.TryParse(levelText, out var level))
            throw f.Error("level", $"unknown level \"{levelText}\"; expected one of {RequirementLevels.ExpectedList}");

        var model = f.Bool("model");
        if (model && level != RequirementLevel.Must)
            throw f.Error("model", $"model rules are \"MUST (model)\"; level {levelText} cannot be a model rule");

        var area = Parse(f, "area", RequirementAreas.Table);
        if (area.Format() != idMatch.Groups[1].Value)
            throw f.Error("area", $"area \"{area.Format()}\" does not match the id \"{id}\"");

        var party = Parse(f, "party", Parties.Table);
        var reference = f.NullableString("reference");
        var statement = f.String("statement");

        var evidence = Evidence.None;
        foreach (var tag in f.StringArray("evidence", allowEmpty: false))
        {
            if (!EvidenceTags.Table.TryParse(tag, out var flag))
                throw f.Error("evidence", $"unknown evidence tag \"{tag}\"; expected any of {EvidenceTags.Table.ExpectedList}");
            evidence |= flag;
        }

        var source = f.String("source");
        var (capabilities, profile, ring) = ReadDepends(f);

        var verification = Parse(f, "verification", Verifications.Table);
        var reason = f.NullableString("reason");
        var checks = CheckField.Read(f);
        // Every rule has a check or a recorded reason: a rule meant to be checked but without a check yet
        // (verdict untested) says why, so the gap is visible in the catalog and the reports.
        if (verification != Verification.Check && reason is null)
            throw f.Error("reason", $"verification \"{verification.Format()}\" needs a reason saying why the rule is not checked");
        if (verification == Verification.Check && checks.Count == 0 && reason is null)
            throw f.Error("reason", "a rule to be checked that has no check yet needs a reason saying why it is untested");
        if (verification == Verification.Check && checks.Count > 0 && reason is not null)
            throw f.Error("reason", "must be null when verification is \"check\" and a check judges the rule");

        string? mergedInto = null;
        if (f.Has("mergedInto"))
        {
            mergedInto = f.String("mergedInto");
            if (!RequirementId().IsMatch(mergedInto))
                throw f.Error("mergedInto", $"\"{mergedInto}\" is not a requirement id of the form R-AREA-N");
        }

        IReadOnlyList<string> decisions = [];
        if (f.Has("decision"))
        {
            decisions = f.StringArray("decision", allowEmpty: false);
            foreach (var d in decisions)
            {
                if (!DecisionId().IsMatch(d))
                    throw f.Error("decision", $"\"{d}\" is not a decision id of the form Dn");
            }
        }

        var presumes = PresumesField.Read(f, id);

        return new Requirement(id, level, model, area, party, reference, statement, evidence, source,
            capabilities, profile, verification, reason, checks, mergedInto, decisions, presumes) { RequiredRingCapabilities = ring };
    }

    private static T Parse<T>(JsonFields f, string field, NameTable<T> table) where T : struct, Enum
    {
        var text = f.String(field);
        return table.TryParse(text, out var value)
            ? value
            : throw f.Error(field, $"unknown {field} \"{text}\"; expected one of {table.ExpectedList}");
    }

    private static (ChannelCapabilities, FramingProfile?, RingCapabilities) ReadDepends(JsonFields f)
    {
        var capabilities = ChannelCapabilities.None;
        var ring = RingCapabilities.None;
        FramingProfile? profile = null;
        foreach (var name in f.StringArray("depends", allowEmpty: true))
        {
            if (name.StartsWith(ProfilePrefix, StringComparison.Ordinal))
            {
                if (profile is not null)
                    throw f.Error("depends", "names more than one framing profile; a rule can be about one profile only");
                profile = ProfileNamed(name[ProfilePrefix.Length..]) ?? throw f.Error("depends", $"unknown profile \"{name}\"; expected profile:raw or profile:pipe");
            }
            else if (Named<RingCapabilities>(name) is { } ringCapability)
            {
                ring |= ringCapability;
            }
            else
            {
                capabilities |= Named<ChannelCapabilities>(name) ?? throw f.Error("depends",
                    $"unknown capability \"{name}\"; expected a ChannelCapabilities member ({string.Join(", ", Names<ChannelCapabilities>())}), " +
                    $"a RingCapabilities member ({string.Join(", ", Names<RingCapabilities>())}) or profile:raw, profile:pipe");
            }
        }

        return (capabilities, profile, ring);
    }

    /// <summary>Single named members only: "None", numbers and comma lists (which Enum.TryParse accepts) are not capabilities.</summary>
    private static IEnumerable<string> Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Where(c => Convert.ToInt64(c, System.Globalization.CultureInfo.InvariantCulture) != 0).Select(c => c.ToString());

    private static T? Named<T>(string name) where T : struct, Enum
    {
        foreach (var capability in Enum.GetValues<T>())
        {
            if (Convert.ToInt64(capability, System.Globalization.CultureInfo.InvariantCulture) != 0 && capability.ToString() == name) return capability;
        }

        return null;
    }

    private static FramingProfile? ProfileNamed(string name) => name switch
    {
        "raw" => FramingProfile.Raw,
        "pipe" => FramingProfile.Pipe,
        _ => null,
    };

    private static List<CatalogProperty> ReadProperties(JsonFields top, string source, IReadOnlyList<Requirement> requirements)
    {
        var known = requirements.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var list = new List<CatalogProperty>();
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in Array(top, "properties"))
        {
            var f = JsonFields.Read(element, source, e => EntryLabel("property", index, e), PropertyFields, []);
            var id = f.String("id");
            if (!PropertyId().IsMatch(id))
                throw f.Error("id", $"\"{id}\" is not a property id of the form P-N or INV-NAME");
            if (!firstIndex.TryAdd(id, index))
                throw f.Error("id", $"duplicate id \"{id}\": property {id} (#{firstIndex[id]}) already uses it");
            var rules = f.StringArray("rules", allowEmpty: false);
            foreach (var rule in rules)
            {
                if (!known.Contains(rule))
                    throw f.Error("rules", $"names \"{rule}\", which is not in the catalog");
            }

            list.Add(new CatalogProperty(id, f.String("source"), f.String("statement"), rules));
            index++;
        }

        return list;
    }
}

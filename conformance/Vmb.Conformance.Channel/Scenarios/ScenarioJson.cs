using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vmb.Conformance.Scenarios;

/// <summary>A scenario file or text that cannot be used; the message names the file and the field.</summary>
public sealed class ScenarioFormatException : FormatException
{
    /// <summary>Creates the error.</summary>
    public ScenarioFormatException(string source, string field, string problem)
        : base($"{source}: field '{field}': {problem}")
    {
        Source = source;
        Field = field;
    }

    /// <summary>File name or "scenario text".</summary>
    public new string Source { get; }

    /// <summary>JSON path of the offending field.</summary>
    public string Field { get; }
}

/// <summary>Reads and writes scenarios as JSON (System.Text.Json; enums as names, byte arrays as base64).</summary>
public static class ScenarioJson
{
    /// <summary>Options used for every scenario file.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>Indented JSON.</summary>
    public static string Serialize(Scenario scenario) => JsonSerializer.Serialize(scenario, Options);

    /// <summary>One-line JSON (for replay lines).</summary>
    public static string SerializeCompact(Scenario scenario) => JsonSerializer.Serialize(scenario, Compact);

    /// <summary>Parses and validates; <paramref name="source"/> names the origin in errors.</summary>
    public static Scenario Parse(string json, string source = "scenario text")
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException(source, e.Path ?? "$", FirstLine(e.Message));
        }
        catch (NotSupportedException e)
        {
            throw new ScenarioFormatException(source, "$", FirstLine(e.Message));
        }
        if (scenario is null) throw new ScenarioFormatException(source, "$", "the file holds null, not a scenario");
        if (scenario.Validate() is { } problem) throw new ScenarioFormatException(source, problem.Field, problem.Message);
        return scenario;
    }

    /// <summary>Loads a scenario file.</summary>
    public static Scenario Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.Split('\n')[0];
    }
}

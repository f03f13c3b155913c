using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vmb.Conformance.Rings;

/// <summary>
/// A ring run written down whole — the scenario, who was judged and what it declared, and every step with the
/// control page and data area after it — so it can be judged again offline or carried across a process boundary.
/// The format is spec/recorded-ring-run.schema.json; reading what was written gives the same run back.
/// </summary>
public static class RecordedRingRunJson
{
    /// <summary>The version of the format; a reader refuses any other.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        IgnoreReadOnlyProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The run as one JSON document.</summary>
    public static string Serialize(RingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scenario = JsonDocument.Parse(run.Scenario.ToJson()).RootElement;
        var body = new Document(FormatVersion, scenario, run.Implementation, run.Declared, run.InitialControl, run.Steps, run.AttachError,
            run.AttachRefusedAsCorrupt, run.Lost, run.Diagnostics);
        return JsonSerializer.Serialize(body, Options);
    }

    /// <summary>Reads a run written by <see cref="Serialize"/>; <paramref name="source"/> names the origin in errors.</summary>
    /// <exception cref="FormatException">The text is not a recorded ring run of this format; the message names where.</exception>
    public static RingRun Parse(string json, string source = "recorded ring run")
    {
        Document? d;
        try
        {
            d = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: {e.Path ?? "$"}: {e.Message.Split('\n')[0]}");
        }
        if (d is null || d.Implementation is null || d.Steps is null || d.InitialControl is null) throw new FormatException($"{source}: $: not a recorded ring run");
        if (d.FormatVersion != FormatVersion) throw new FormatException($"{source}: formatVersion: {d.FormatVersion} is not {FormatVersion}");
        return new RingRun(RingScenario.FromJson(d.Scenario.GetRawText()), d.Implementation, d.InitialControl, d.Steps, d.AttachError)
        {
            Declared = d.Declared, AttachRefusedAsCorrupt = d.AttachRefusedAsCorrupt, Lost = d.Lost, Diagnostics = d.Diagnostics,
        };
    }

    // The scenario travels in its own JSON format (RingScenario.ToJson), embedded as an object.
    private sealed record Document(int FormatVersion, JsonElement Scenario, string Implementation, Spec.Spi.RingCapabilities Declared, byte[] InitialControl,
        IReadOnlyList<RingStep> Steps, string? AttachError, bool AttachRefusedAsCorrupt, RingLoss? Lost, string? Diagnostics);
}

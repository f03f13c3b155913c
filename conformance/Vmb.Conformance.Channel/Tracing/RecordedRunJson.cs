using System.Text.Json;
using System.Text.Json.Serialization;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tracing;

/// <summary>
/// A channel run written down whole — who was judged, the scenario, how the run ended and every trace event — so it
/// can be judged again offline or carried across a process boundary. The format is spec/recorded-run.schema.json;
/// reading what was written gives the same run back, field for field.
/// </summary>
public static class RecordedRunJson
{
    /// <summary>The version of the format; a reader refuses any other.</summary>
    public const int FormatVersion = 2;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The run as one JSON document.</summary>
    public static string Serialize(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scenario = JsonDocument.Parse(ScenarioJson.SerializeCompact(run.Scenario)).RootElement;
        return JsonSerializer.Serialize(
            new Document(FormatVersion, run.Implementation, scenario, run.Outcome, run.OutcomeDetail, run.StalledOn, run.NeverIdle, run.Facts, run.Events), Options);
    }

    /// <summary>Reads a run written by <see cref="Serialize"/>; <paramref name="source"/> names the origin in errors.</summary>
    /// <exception cref="ScenarioFormatException">The text is not a recorded run of this format; the message names the field.</exception>
    public static RunRecord Parse(string json, string source = "recorded run")
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException(source, e.Path ?? "$", e.Message.Split('\n')[0]);
        }
        if (document is null) throw new ScenarioFormatException(source, "$", "the text holds null, not a recorded run");
        if (document.FormatVersion != FormatVersion) throw new ScenarioFormatException(source, "formatVersion", $"{document.FormatVersion} is not {FormatVersion}");
        if (document.Implementation is null || document.Events is null || document.Facts is null)
            throw new ScenarioFormatException(source, "$", "implementation, facts and events are required");
        var scenario = ScenarioJson.Parse(document.Scenario.GetRawText(), $"{source}: scenario");
        return new RunRecord(scenario, document.Implementation, document.Events, document.Outcome, document.OutcomeDetail, document.Facts)
        {
            StalledOn = document.StalledOn,
            NeverIdle = document.NeverIdle,
        };
    }

    private sealed record Document(
        int FormatVersion, ImplementationInfo Implementation, JsonElement Scenario, RunOutcome Outcome, string? OutcomeDetail,
        Subject? StalledOn, bool NeverIdle, RunFacts Facts, IReadOnlyList<TraceEvent> Events);
}

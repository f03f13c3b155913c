using System.Globalization;
using System.Text.Json;
using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Reports;

/// <summary>
/// Reads a JSON report back into the result model every writer renders from, so a saved run can be published in
/// another format (the `report` command) without judging the implementation again.
/// </summary>
public static class JsonResultReader
{
    /// <summary>Reads a report written by <see cref="JsonReport"/> (this report format version only).</summary>
    /// <exception cref="FormatException">The text is not such a report; the message names what is wrong and where.</exception>
    public static SuiteResult Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var format = P(root, "reportFormatVersion").GetInt32();
            if (format != JsonReport.ReportFormatVersion)
                throw new FormatException($"report format {format}, this version reads format {JsonReport.ReportFormatVersion}");
            var implementation = Implementation(P(root, "implementation"));
            return new SuiteResult(
                implementation,
                P(root, "catalogVersion").GetString()!,
                P(root, "suiteVersion").GetString()!,
                P(root, "schemaVersion").GetInt32(),
                P(root, "seed").GetUInt64(),
                P(root, "scenariosGenerated").GetInt32(),
                DateTimeOffset.Parse(P(root, "startedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                TimeSpan.FromMilliseconds(P(root, "durationMs").GetInt64()),
                P(root, "requirements").EnumerateArray().Select(Requirement).ToList(),
                Strings(P(root, "filteredOut")),
                P(root, "generatorCoverage").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal))
            {
                Level = P(root, "level").GetString()!,
                RequiredSituations = Strings(P(root, "requiredSituations")),
                FieldCoverage = P(root, "fieldCoverage").EnumerateArray()
                    .Select(r => new FieldCoverageRow(P(r, "field").GetString()!, P(r, "class").GetString()!, P(r, "scenarios").GetInt32(), P(r, "required").GetBoolean()))
                    .ToList(),
                Abandoned = root.TryGetProperty("abandoned", out var abandoned) ? abandoned.GetString() : null,
                StoppedOnBudget = root.TryGetProperty("stoppedOnBudget", out var budget) ? budget.GetString() : null,
                Corpus = root.TryGetProperty("corpus", out var corpus)
                    ? new CorpusStamp(P(corpus, "name").GetString()!, P(corpus, "sha256").GetString()!, P(corpus, "scenarios").GetInt32())
                    : null,
                Shards = root.TryGetProperty("shards", out var shards)
                    ? new ShardCoverage(P(shards, "count").GetInt32(), P(shards, "numbers").EnumerateArray().Select(n => n.GetInt32()).ToList(), P(shards, "scenariosPlanned").GetInt32())
                    : null,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FormatException($"not a vmb-conformance JSON report ({e.Message})", e);
        }
    }

    private static ImplementationInfo Implementation(JsonElement e)
    {
        var channel = ChannelCapabilities.None;
        var writer = RingCapabilities.None;
        var reader = RingCapabilities.None;
        foreach (var name in Strings(P(e, "capabilities")))
        {
            // The report spells ring capabilities "writer: X" / "reader: X" (RingCapabilitySides.Names).
            if (name.StartsWith("writer: ", StringComparison.Ordinal)) writer |= Enum.Parse<RingCapabilities>(name["writer: ".Length..]);
            else if (name.StartsWith("reader: ", StringComparison.Ordinal)) reader |= Enum.Parse<RingCapabilities>(name["reader: ".Length..]);
            else channel |= Enum.Parse<ChannelCapabilities>(name);
        }
        var profile = Enum.Parse<FramingProfile>(P(e, "profile").GetString()!, ignoreCase: true);
        return new ImplementationInfo(P(e, "name").GetString()!, P(e, "version").GetString()!, profile, channel)
        {
            RingWriter = writer,
            RingReader = reader,
        };
    }

    private static RequirementResult Requirement(JsonElement r)
    {
        var spelled = P(r, "verdict").GetString()!;
        var verdict = VerdictNames.Order.FirstOrDefault(v => v.Format() == spelled, (Verdict)(-1));
        if (verdict == (Verdict)(-1)) throw new FormatException($"requirement {P(r, "id").GetString()}: unknown verdict '{spelled}'");
        var detail = P(r, "detail");
        return new RequirementResult(
            P(r, "id").GetString()!,
            verdict,
            P(r, "scenariosRun").GetInt32(),
            P(r, "scenariosExercised").GetInt32(),
            detail.ValueKind == JsonValueKind.Null ? null : detail.GetString(),
            Counterexample(P(r, "counterexample")))
        {
            ConsequenceOf = Strings(P(r, "consequenceOf")),
        };
    }

    private static Counterexample? Counterexample(JsonElement c) => c.ValueKind == JsonValueKind.Null
        ? null
        : new Counterexample(
            P(c, "headline").GetString()!, P(c, "scenarioText").GetString()!, P(c, "scenario").GetString()!,
            P(c, "traceExcerpt").GetString()!, P(c, "message").GetString()!, P(c, "replay").GetString()!,
            P(c, "packetCount").GetInt32(), P(c, "shrinkSteps").GetInt32(), P(c, "replaysFailed").GetInt32(), P(c, "replays").GetInt32());

    // A missing property names itself, so a hand-edited or truncated report says what it lacks.
    private static JsonElement P(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : throw new FormatException($"'{name}' is missing");

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}

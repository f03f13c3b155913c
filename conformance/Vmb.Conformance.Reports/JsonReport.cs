using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Reports;

/// <summary>The machine report; its shape is spec/report.schema.json.</summary>
public static class JsonReport
{
    /// <summary>File name the main command writes.</summary>
    public const string FileName = "conformance-report.json";

    /// <summary>Version of the report's JSON shape (spec/report.schema.json); bumped on any incompatible change.</summary>
    public const int ReportFormatVersion = 4;

    /// <summary>Renders the report as indented JSON.</summary>
    public static string Render(SuiteResult result, RequirementCatalog catalog)
    {
        var s = new ReportSummary(result, catalog);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("reportFormatVersion", ReportFormatVersion);
            w.WriteString("catalogVersion", result.CatalogVersion);
            w.WriteString("suiteVersion", result.SuiteVersion);
            w.WriteNumber("schemaVersion", result.SchemaVersion);
            w.WriteNumber("seed", result.Seed);
            w.WriteNumber("scenariosGenerated", result.ScenariosGenerated);
            w.WriteString("startedAt", result.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteNumber("durationMs", (long)result.Duration.TotalMilliseconds);

            w.WriteStartObject("implementation");
            w.WriteString("name", s.Implementation.Name);
            w.WriteString("version", s.Implementation.Version);
            w.WriteString("profile", s.Profile);
            w.WriteStartArray("capabilities");
            foreach (var c in s.Capabilities) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteString("level", result.Level);
            w.WriteString("verdict", s.Classification.Verdict.Format());
            w.WriteBoolean("conformant", s.Conformant);
            Ids(w, "notExercisedMust", s.Classification.NotExercisedMust);
            Ids(w, "requiredSituations", result.RequiredSituations);
            Ids(w, "missingSituations", s.Classification.MissingSituations);
            Ids(w, "missingFieldClasses", s.Classification.MissingFieldClasses);
            if (result.Abandoned is { } abandoned) w.WriteString("abandoned", abandoned);
            if (result.StoppedOnBudget is { } budget) w.WriteString("stoppedOnBudget", budget);
            if (result.Corpus is { } corpus)
            {
                w.WriteStartObject("corpus");
                w.WriteString("name", corpus.Name);
                w.WriteString("sha256", corpus.Sha256);
                w.WriteNumber("scenarios", corpus.Scenarios);
                w.WriteEndObject();
            }
            if (result.Shards is { } shards)
            {
                w.WriteStartObject("shards");
                w.WriteNumber("count", shards.Count);
                w.WriteStartArray("numbers");
                foreach (var n in shards.Numbers) w.WriteNumberValue(n);
                w.WriteEndArray();
                w.WriteNumber("scenariosPlanned", shards.ScenariosPlanned);
                w.WriteEndObject();
            }
            w.WriteString("conformanceRule", ReportSummary.ConformanceRule);

            w.WriteStartObject("counts");
            w.WriteStartObject("byVerdict");
            foreach (var (verdict, count) in s.ByVerdict) w.WriteNumber(verdict.Format(), count);
            w.WriteEndObject();
            w.WriteStartObject("byLevel");
            foreach (var (level, counts) in s.ByLevel)
            {
                w.WriteStartObject(level);
                foreach (var (verdict, count) in counts) w.WriteNumber(verdict.Format(), count);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("withoutVerdict");
            foreach (var (kind, count) in UntestedKinds.Count(s)) w.WriteNumber(kind, count);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("requirements");
            foreach (var row in s.Rows) Row(w, row);
            w.WriteEndArray();

            Ids(w, "failures", s.Failures.Select(r => r.Result.RequirementId));
            Ids(w, "roots", s.RootFailures.Select(r => r.Result.RequirementId));
            Ids(w, "warnings", s.Warnings.Select(r => r.Result.RequirementId));
            Ids(w, "filteredOut", result.FilteredOut);

            w.WriteStartObject("generatorCoverage");
            foreach (var (situation, count) in ReportSummary.Coverage(result)) w.WriteNumber(situation, count);
            w.WriteEndObject();

            w.WriteStartArray("fieldCoverage");
            foreach (var row in result.FieldCoverage)
            {
                w.WriteStartObject();
                w.WriteString("field", row.Field);
                w.WriteString("class", row.Class);
                w.WriteNumber("scenarios", row.Scenarios);
                w.WriteBoolean("required", row.Required);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static void Ids(Utf8JsonWriter w, string name, IEnumerable<string> ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids) w.WriteStringValue(id);
        w.WriteEndArray();
    }

    private static void Row(Utf8JsonWriter w, ReportRow row)
    {
        var r = row.Result;
        w.WriteStartObject();
        w.WriteString("id", r.RequirementId);
        w.WriteString("level", row.Level);
        w.WriteBoolean("binding", row.Binding);
        w.WriteString("verdict", r.Verdict.Format());
        Ids(w, "consequenceOf", r.ConsequenceOf);
        w.WriteNumber("scenariosRun", r.ScenariosRun);
        w.WriteNumber("scenariosExercised", r.ScenariosExercised);
        if (r.Detail is null) w.WriteNull("detail");
        else w.WriteString("detail", r.Detail);
        if (r.Counterexample is not { } c)
        {
            w.WriteNull("counterexample");
        }
        else
        {
            w.WriteStartObject("counterexample");
            w.WriteString("headline", c.Headline);
            w.WriteString("message", c.Message);
            w.WriteString("scenarioText", c.ScenarioText);
            w.WriteString("scenario", c.ScenarioJson);
            w.WriteString("traceExcerpt", c.TraceExcerpt);
            w.WriteString("replay", c.ReplayCommand);
            w.WriteNumber("packetCount", c.PacketCount);
            w.WriteNumber("shrinkSteps", c.ShrinkSteps);
            w.WriteNumber("replaysFailed", c.ReplaysFailed);
            w.WriteNumber("replays", c.Replays);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}

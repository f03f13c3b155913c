using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vmb.Conformance.Checks;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Suite.Tests.Reports;
using Vmb.Conformance.Tracing;
using Vmb.Faulty;
using Vmb.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Suite.Tests.Tracing;

/// <summary>
/// A recorded run (scenario, declaration, ending and typed trace) round-trips through JSON unchanged, validates
/// against spec/recorded-run.schema.json, and judged again offline gives every check the same outcome.
/// </summary>
public class RecordedRunTests
{
    private const int Runs = 120;

    public static TheoryData<string> Implementations => new() { "reference", "InBandFlaggedExternal", "PresentsCompletionPackets" };

    private static IChannelImplementation Create(string name) =>
        name == "reference" ? new ReferenceChannelImplementation() : FaultList.All(new ReferenceChannelImplementation()).Single(f => f.FaultName == name);

    // Both tests judge the same runs of an implementation; they are driven once.
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<CheckContext>>> DrivenRuns = new();

    private static IReadOnlyList<CheckContext> Driven(string name) => DrivenRuns.GetOrAdd(name, n => new Lazy<IReadOnlyList<CheckContext>>(() =>
    {
        var level = new ChannelLevel(Create(n));
        return Enumerable.Range(0, Runs).Select(i => level.Drive(level.Generate(ScenarioSeed.For(77, i)), new SuiteOptions())).ToList();
    })).Value;

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_recorded_run_round_trips_and_validates_against_its_schema(string implementation)
    {
        var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("spec/recorded-run.schema.json"))).RootElement;
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var validated = 0;
        foreach (var run in Driven(implementation))
        {
            var text = RecordedRunJson.Serialize(run.Run);
            Assert.Equal(text, RecordedRunJson.Serialize(RecordedRunJson.Parse(text)));
            // Validating is the costly part: every run that shows a kind of event or an ending not validated yet, and the first ten.
            var kinds = run.Events.Select(e => e.GetType().Name).Append($"outcome {run.Run.Outcome}").Count(shapes.Add);
            if (kinds == 0 && validated >= 10) continue;
            validated++;
            var errors = SchemaCheck.Validate(schema, JsonDocument.Parse(text).RootElement);
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(5)));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Judged_again_offline_every_check_gives_the_same_outcome(string implementation)
    {
        var level = new ChannelLevel(Create(implementation));
        foreach (var run in Driven(implementation))
        {
            var offline = new CheckContext(RecordedRunJson.Parse(RecordedRunJson.Serialize(run.Run)));
            foreach (var check in level.Checks)
                Assert.Equal(Judge(check, run), Judge(check, offline));
        }
    }

    [Fact]
    public void The_schema_lists_exactly_the_subjects_and_outcomes_of_the_code()
    {
        var defs = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("spec/recorded-run.schema.json"))).RootElement.GetProperty("$defs");
        static List<string> Names<T>() where T : struct, Enum => Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName).ToList();
        static List<string> Listed(JsonElement def) => def.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(Names<Subject>(), Listed(defs.GetProperty("subject")));
        Assert.Equal(Names<RunOutcome>(), Listed(defs.GetProperty("outcome")));
    }

    [Fact]
    public void The_schema_describes_every_event_type_with_exactly_its_fields()
    {
        var defs = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("spec/recorded-run.schema.json"))).RootElement.GetProperty("$defs");
        var types = typeof(TraceEvent).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false).Cast<JsonDerivedTypeAttribute>()
            .ToDictionary(a => (string)a.TypeDiscriminator!, a => a.DerivedType);
        var concrete = typeof(TraceEvent).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(TraceEvent)) && !t.IsAbstract).ToHashSet();
        Assert.Equal(concrete.OrderBy(t => t.Name), types.Values.OrderBy(t => t.Name));
        var listed = defs.GetProperty("event").GetProperty("oneOf").EnumerateArray()
            .Select(r => defs.GetProperty(r.GetProperty("$ref").GetString()!["#/$defs/".Length..])).ToList();
        var schemaKinds = listed.ToDictionary(d => d.GetProperty("properties").GetProperty("kind").GetProperty("enum")[0].GetString()!);
        Assert.Equal(types.Keys.Order(), schemaKinds.Keys.Order());
        foreach (var (kind, type) in types)
        {
            var fields = type.GetProperties().Where(p => p.GetMethod!.IsPublic && p.DeclaringType != typeof(object) && p.Name != "EqualityContract")
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Append("kind").Order().ToList();
            var described = schemaKinds[kind].GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();
            Assert.True(fields.SequenceEqual(described), $"{kind}: code has [{string.Join(", ", fields)}], schema has [{string.Join(", ", described)}]");
        }
    }

    [Theory]
    [InlineData("{", "$")]
    [InlineData("""{"formatVersion":9}""", "formatVersion")]
    public void A_bad_recorded_run_is_refused_naming_the_field(string json, string field)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => RecordedRunJson.Parse(json, "run.json"));
        Assert.StartsWith("run.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    private static (CheckStatus, string?, int?) Judge(ICheck<CheckContext> check, CheckContext run)
    {
        var outcome = check.Judges(run) ? check.Evaluate(run) : CheckOutcome.NotExercised;
        return (outcome.Status, outcome.Message, outcome.EventIndex);
    }
}

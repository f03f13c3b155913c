using System.Text.Json;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Suite.Tests.Reports;
using Vmb.Faulty.Rings;
using Vmb.Ring;

namespace Vmb.Conformance.Suite.Tests.Tracing;

/// <summary>Recorded ring runs validate against spec/recorded-ring-run.schema.json, whose outcome list is the code's.</summary>
public class RecordedRingRunSchemaTests
{
    private static JsonElement Schema() => JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("spec/recorded-ring-run.schema.json"))).RootElement;

    [Fact]
    public void Recorded_ring_runs_validate_against_their_schema()
    {
        var schema = Schema();
        foreach (var ring in new Spec.Spi.IRingImplementation[] { new ReferenceRing(), BrokenRing.ErrnoErrors(new ReferenceRing()), BrokenRing.TrustsSharedReadIndex(new ReferenceRing()) })
        {
            var level = new RingLevel(ring);
            for (var i = 0; i < 60; i++)
            {
                var text = RecordedRingRunJson.Serialize(level.Drive(level.Generate(ScenarioSeed.For(23, i)), new SuiteOptions()));
                var errors = SchemaCheck.Validate(schema, JsonDocument.Parse(text).RootElement);
                Assert.True(errors.Count == 0, $"{ring.Name} scenario {i}: " + string.Join(Environment.NewLine, errors.Take(5)));
            }
        }
    }

    [Fact]
    public void The_schema_lists_exactly_the_step_outcomes_of_the_code()
    {
        var listed = Schema().GetProperty("$defs").GetProperty("outcome").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
        Assert.Equal(Enum.GetNames<StepOutcome>().Select(JsonNamingPolicy.CamelCase.ConvertName), listed);
    }
}

using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Kmcl;

namespace Vmb.Conformance.Tests.Engine;

public class ScenarioJsonTests
{
    [Fact]
    public void Generated_scenarios_survive_a_JSON_round_trip_unchanged()
    {
        var source = new ScenarioSource(new ReferenceChannelImplementation().Info, 11);
        for (var i = 0; i < 200; i++)
        {
            var scenario = source.At(i);
            var json = ScenarioJson.Serialize(scenario);
            Assert.Equal(json, ScenarioJson.Serialize(ScenarioJson.Parse(json)));
        }
    }

    [Fact]
    public void A_scenario_prints_one_line_per_step_for_a_person()
    {
        var scenario = new Scenario
        {
            Steps = [new WritePacketStep { Kind = PacketKind.InBand, Payload = [1, 2, 3], TransactionId = 9, CompletionRequested = true }, new DrainOutgoingStep()],
        };
        var text = scenario.Describe();
        Assert.Contains("write packet #0 in-band 0x6 tid 9 completion-requested, payload 3 B [010203]", text);
        Assert.Contains("drain outgoing ring", text);
    }

    [Fact]
    public void A_corrupt_scenario_file_names_the_file_and_the_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmb-corrupt-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "incomingDataSize": "big" }""");
        try
        {
            var e = Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Load(path));
            Assert.StartsWith(Path.GetFileName(path) + ": field '$.incomingDataSize'", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("""{ "incomingDataSize": 5000 }""", "incomingDataSize")]
    [InlineData("""{ "outgoingStart": 12 }""", "outgoingStart")]
    [InlineData("""{ "steps": [ { "step": "set-quota", "quota": 0 } ] }""", "steps[0].quota")]
    [InlineData("""{ "steps": [ { "step": "make-resident", "page": 7 } ] }""", "steps[0].page")]
    [InlineData("""{ "steps": [ { "step": "jump" } ] }""", "$.steps[0]")]
    [InlineData("""{ "colour": "red" }""", "$.colour")]
    public void An_inconsistent_scenario_is_refused_with_the_offending_field(string json, string field)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Parse(json, "case.json"));
        Assert.Equal(field, e.Field);
        Assert.StartsWith("case.json: field ", e.Message);
    }
}

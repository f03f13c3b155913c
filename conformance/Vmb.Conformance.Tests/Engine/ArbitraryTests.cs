using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Scenarios;
using Vmb.Kmcl;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>The scenario Arbitrary works inside FsCheck: generation, and shrinking through the engine's shrinker.</summary>
public class ArbitraryTests
{
    private static readonly Arbitrary<Scenario> Scenarios = ScenarioGenerators.Arbitrary(new ReferenceChannelImplementation().Info, new GeneratorSettings());

    [Fact]
    public void Every_generated_scenario_is_valid_and_serialisable() =>
        Check.QuickThrowOnFailure(Prop.ForAll(Scenarios, s => s.Validate() is null && ScenarioJson.Parse(ScenarioJson.Serialize(s)).PacketCount == s.PacketCount));

    [Fact]
    public void FsCheck_shrinks_a_failing_scenario_to_the_fewest_packets_shortest_payloads_and_simplest_policies()
    {
        Scenario? lastFailing = null;
        Assert.ThrowsAny<Exception>(() => Check.QuickThrowOnFailure(Prop.ForAll(Scenarios, s =>
        {
            var holds = s.PacketCount < 3;
            if (!holds) lastFailing = s;
            return holds;
        })));
        Assert.NotNull(lastFailing);
        Assert.Equal(3, lastFailing.PacketCount);
        Assert.Equal(3, lastFailing.Steps.Length);
        // Lookalike payloads are kept distinct by one byte each (ScenarioRepair.Distinct), so 0..2 bytes remain.
        Assert.All(lastFailing.Packets, p => Assert.InRange(p.Payload.Length, 0, 2));
        Assert.All(lastFailing.Packets, p => Assert.Equal(PolicyKind.CompleteInline, p.Policy.Kind));
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Kmcl;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>D27: scenario seeds are mixed, not added; one scenario regenerates alone; sizes vary over a run.</summary>
public class ScenarioSeedTests
{
    private const int Scenarios = 400;

    [Fact]
    public void D27_adjacent_run_seeds_share_no_channel_scenario()
    {
        var info = new ReferenceChannelImplementation().Info;
        var first = Stream(new ScenarioSource(info, 1000));
        var second = Stream(new ScenarioSource(info, 1001));
        Assert.Empty(first.Intersect(second));
        Assert.True(first.Count > Scenarios * 9 / 10, $"only {first.Count} distinct scenarios in {Scenarios}");
    }

    [Fact]
    public void D27_adjacent_run_seeds_share_no_ring_scenario()
    {
        var first = Enumerable.Range(0, Scenarios).Select(i => RingConformanceRunner.ScenarioAt(1000, i).ToJson()).ToHashSet();
        var second = Enumerable.Range(0, Scenarios).Select(i => RingConformanceRunner.ScenarioAt(1001, i).ToJson()).ToHashSet();
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void D27_scenario_i_regenerates_alone_from_seed_and_index()
    {
        var info = new ReferenceChannelImplementation().Info;
        var inOrder = new ScenarioSource(info, 77);
        var sequence = Enumerable.Range(0, 40).Select(i => ScenarioJson.SerializeCompact(inOrder.At(i))).ToList();
        // A fresh source asked for the scenarios backwards, one at a time, gives the same ones.
        for (var i = 39; i >= 0; i--) Assert.Equal(sequence[i], ScenarioJson.SerializeCompact(new ScenarioSource(info, 77).At(i)));
        Assert.Equal(RingConformanceRunner.ScenarioAt(77, 31).ToJson(), RingConformanceRunner.ScenarioAt(77, 31).ToJson());
    }

    [Fact]
    public void D27_sizes_vary_over_a_run_from_tiny_to_the_largest()
    {
        var sizes = Enumerable.Range(0, 2000).Select(i => ScenarioSeed.For(5, i).Size).ToList();
        Assert.All(sizes, s => Assert.InRange(s, 1, ScenarioSeed.MaxSize));
        Assert.Contains(sizes, s => s <= 5);
        Assert.Contains(sizes, s => s >= ScenarioSeed.MaxSize - 4);
        var packets = Enumerable.Range(0, 600).Select(i => new ScenarioSource(new ReferenceChannelImplementation().Info, 5).At(i).PacketCount).ToList();
        Assert.Contains(packets, p => p <= 1);
        Assert.Contains(packets, p => p > 10);
    }

    [Fact]
    public void D27_the_seed_of_a_scenario_depends_only_on_run_seed_and_index() =>
        Assert.Equal(ScenarioSeed.For(123, 45), ScenarioSeed.For(123, 45));

    private static HashSet<string> Stream(ScenarioSource source) =>
        Enumerable.Range(0, Scenarios).Select(i => ScenarioJson.SerializeCompact(source.At(i))).ToHashSet();
}

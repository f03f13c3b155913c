using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Engine;

public class GeneratorTests
{
    private static readonly ImplementationInfo Reference = new ReferenceChannelImplementation().Info;

    [Fact]
    public void D27_the_focus_profiles_are_chosen_by_index_and_shape_their_scenarios()
    {
        var source = new ScenarioSource(Reference, 5);
        // Indices 20k+3 follow the quota-halt profile unless they are duplicate-id indices (12k+11), which come first;
        // 20k+13 follow the back-pressure one (never a misuse or duplicate-id index).
        var halts = Enumerable.Range(0, 30).Select(k => 20 * k + 3).Where(i => i % 12 != 11).Select(source.At).Where(s => !s.Options.OpenedFails).ToList();
        Assert.All(halts, s => Assert.InRange(s.Options.Quota, 2u, 3u));
        Assert.True(halts.Count(s => s.Steps.Any(step => step is SetQuotaStep)) >= halts.Count * 8 / 10, "most quota-halt scenarios change the quota");
        var congested = Enumerable.Range(0, 30).Select(k => source.At(20 * k + 13)).ToList();
        Assert.All(congested, s => Assert.Equal(4096, s.OutgoingDataSize));
        Assert.All(congested, s => Assert.DoesNotContain(s.Steps, step => step is DrainOutgoingStep));
    }

    [Fact]
    public void D27_long_scenarios_and_long_backlogs_are_chosen_by_index()
    {
        var source = new ScenarioSource(Reference, 5);
        var longOnes = Enumerable.Range(0, 5).Select(k => source.At(96 * k + 46)).ToList();
        Assert.All(longOnes, s => Assert.InRange(s.PacketCount, ScenarioSource.LongScenario, ScenarioSource.LongScenario + 40));
        Assert.All(longOnes, s => Assert.DoesNotContain(s.Packets, p => p.Policy.Kind == PolicyKind.Fail));
        var backlogs = Enumerable.Range(0, 10).Select(k => source.At(40 * k + 25)).ToList();
        Assert.All(backlogs, s => Assert.InRange(s.PacketCount, 40, 64));
        Assert.All(backlogs, s => Assert.True(s.Options.PauseBeforeEnable || s.Options.Quota == 1, "a backlog is held by a pause or a quota of 1"));
    }

    [Fact]
    public void Full_width_fields_reach_their_edges_and_stay_within_the_contract()
    {
        var scenarios = ScenarioGenerators.Scenario(Reference, new GeneratorSettings()).Sample(600, new Rnd(6UL), 50);
        var ids = scenarios.SelectMany(s => s.Packets).Select(p => p.TransactionId).ToHashSet();
        foreach (var edge in new ulong[] { 1, 0xFFFF, 0x1_0000, 0xFFFF_FFFF, 0x1_0000_0000, ulong.MaxValue - 1, ulong.MaxValue }) Assert.Contains(edge, ids);
        var pages = scenarios.SelectMany(s => s.Packets).SelectMany(p => p.Ranges).SelectMany(r => r.Pages).ToHashSet();
        Assert.Contains(pages, p => p > uint.MaxValue);
        Assert.All(scenarios.SelectMany(s => s.Steps.OfType<SetQuotaStep>()), q => Assert.True(q.Quota > 0));
        Assert.Contains(scenarios, s => s.Options.Quota > ushort.MaxValue);
        Assert.All(scenarios.SelectMany(s => s.Packets).SelectMany(p => p.Ranges).Where(r => r.Pages.Length > 0), r => Assert.InRange(r.ByteOffset, 0u, 4095u));
        Assert.Contains(scenarios.SelectMany(s => s.Packets), p => p.Kind == PacketKind.TransferPages && p.Ranges.Length > 100);
    }

    [Fact]
    public void Payload_sizes_favour_the_edges_and_reach_the_maximum()
    {
        var sizes = ScenarioGenerators.PayloadSize(4056).Sample(3000, new Rnd(3UL), 50);
        foreach (var edge in new[] { 0, 1, 7, 8, 9, 4055, 4056 }) Assert.Contains(edge, sizes);
        Assert.All(sizes, s => Assert.InRange(s, 0, 4056));
        Assert.Contains(sizes, s => s > 1024 && s < 4055);
    }

    [Fact]
    public void Generated_packets_always_fit_their_ring_and_starting_offsets_are_aligned()
    {
        var scenarios = ScenarioGenerators.Scenario(Reference, new GeneratorSettings()).Sample(400, new Rnd(5UL), 50);
        foreach (var s in scenarios)
        {
            Assert.Null(s.Validate());
            foreach (var p in s.Packets)
                Assert.True(PacketEncoder.Encode(p, s.Options.Profile).Length + WireConstants.TrailerSize <= WireConstants.MaxTotalForRing(s.IncomingDataSize));
        }
        Assert.Contains(scenarios, s => s.IncomingStart > s.IncomingDataSize - 512);
    }

    [Fact]
    public void D8_default_transaction_ids_are_unique_and_non_zero_and_the_duplicate_setting_makes_duplicates_and_zero()
    {
        var unique = ScenarioGenerators.Scenario(Reference, new GeneratorSettings()).Sample(300, new Rnd(8UL), 50);
        Assert.All(unique, s => Assert.Equal(s.PacketCount, s.Packets.Select(p => p.TransactionId).Where(t => t != 0).Distinct().Count()));
        var duplicates = ScenarioGenerators.Scenario(Reference, new GeneratorSettings { DuplicateTransactionIds = true }).Sample(300, new Rnd(8UL), 50);
        Assert.Contains(duplicates, s => s.Packets.Any(p => p.TransactionId == 0));
        Assert.Contains(duplicates, s => s.Packets.GroupBy(p => p.TransactionId).Any(g => g.Count() > 1));
    }

    [Fact]
    public void A_pipe_implementation_gets_in_band_traffic_only()
    {
        var pipe = Reference with { Profile = FramingProfile.Pipe };
        var scenarios = ScenarioGenerators.Scenario(pipe, new GeneratorSettings()).Sample(300, new Rnd(9UL), 50);
        Assert.All(scenarios.SelectMany(s => s.Packets), p => Assert.DoesNotContain(p.Kind, new[] { PacketKind.GpaDirect, PacketKind.TransferPages }));
        Assert.All(scenarios.SelectMany(s => s.Packets.Where(p => p.Kind == PacketKind.InBand)), p => Assert.InRange(p.Payload.Length, 0, WireConstants.PipeMaxPayload));
    }

    [Fact]
    public void Absent_capabilities_are_never_exercised()
    {
        var bare = Reference with { Capabilities = ChannelCapabilities.None };
        var scenarios = ScenarioGenerators.Scenario(bare, new GeneratorSettings { MisuseProbes = true }).Sample(300, new Rnd(10UL), 50);
        Assert.All(scenarios, s =>
        {
            Assert.False(s.Options.PassiveProcessing || s.Options.ExCallbacks || s.Options.Quota != 0 || s.Options.ClientContextSize != 0);
            Assert.DoesNotContain(s.Steps, x => x is PauseStep or StartStep or SetQuotaStep or MakeResidentStep);
            Assert.DoesNotContain(s.Packets, p => p.Policy.Kind is PolicyKind.DeferThenComplete or PolicyKind.ExternalDataThenComplete || p.Policy.IsMisuseProbe);
        });
    }

    [Fact]
    public void The_shrinker_offers_fewer_packets_shorter_payloads_and_simpler_policies()
    {
        var scenario = new Scenario
        {
            Steps =
            [
                new WritePacketStep { Kind = PacketKind.InBand, Payload = new byte[40], TransactionId = 1, Policy = new ClientPolicy { Kind = PolicyKind.CompleteLater, Delay = 3, Response = [1, 2] } },
                new DrainOutgoingStep(),
                new WritePacketStep { Kind = PacketKind.InBand, Payload = new byte[8], TransactionId = 2 },
            ],
        };
        var candidates = ScenarioShrinker.Shrink(scenario, Reference).ToList();
        Assert.Contains(candidates, c => c.PacketCount == 1);
        Assert.Contains(candidates, c => c.Packets.First().Payload.Length == 0);
        Assert.Contains(candidates, c => c.Packets.First().Policy.Kind == PolicyKind.CompleteInline);
        Assert.All(candidates, c => Assert.Null(c.Validate()));
    }

    [Fact]
    public void Shrinking_offers_one_packet_fewer_with_its_reply_bytes_carried_by_the_reply_before_it()
    {
        WritePacketStep Replying(ulong id, int reply) => new()
        {
            Kind = PacketKind.InBand, TransactionId = id, CompletionRequested = true,
            Policy = new ClientPolicy { Kind = PolicyKind.CompleteInline, Response = Enumerable.Repeat((byte)id, reply).ToArray() },
        };
        var scenario = new Scenario { Steps = [Replying(1, 1000), Replying(2, 1000), Replying(3, 1000)] };
        var candidates = ScenarioShrinker.Shrink(scenario, Reference).ToList();
        // The outgoing ring still receives 3,000 reply bytes, from two packets: a reply joined the one before it.
        static string Replies(Scenario c) => string.Join(" ", c.Packets.Select(p => $"{p.TransactionId}:{Convert.ToHexString(p.Policy.Response.Distinct().ToArray())}/{p.Policy.Response.Length}"));
        var merged = candidates.Where(c => c.PacketCount == 2).Select(Replies).ToList();
        Assert.Contains("1:01/1000 2:0203/2000", merged);
        Assert.Contains("1:0102/2000 3:03/1000", merged);
        Assert.All(candidates, c => Assert.Null(c.Validate()));
    }

    [Fact]
    public void Repair_keeps_pause_and_start_alternating_and_the_malformed_packet_last()
    {
        var malformed = new WritePacketStep { Kind = PacketKind.Malformed, Malformation = Malformation.UnknownType };
        var scenario = new Scenario { Steps = [new StartStep(), malformed, new PauseStep(), new PauseStep(), new WritePacketStep(), new StartStep(), new StartStep()] };
        var repaired = ScenarioRepair.Repair(scenario, Reference);
        Assert.Equal([typeof(PauseStep), typeof(WritePacketStep), typeof(StartStep), typeof(WritePacketStep)], repaired.Steps.Select(s => s.GetType()).ToArray());
        Assert.Equal(Malformation.UnknownType, Assert.IsType<WritePacketStep>(repaired.Steps[^1]).Malformation);
    }

    [Fact]
    public void D31_repair_keeps_a_never_presented_packet_from_looking_like_a_data_packet_or_a_cancel()
    {
        var cancel = new WritePacketStep { Kind = PacketKind.Cancel };
        var malformed = new WritePacketStep { Kind = PacketKind.Malformed, Malformation = Malformation.UnknownType };
        var repaired = ScenarioRepair.Distinct([cancel, new WritePacketStep(), malformed]).Cast<WritePacketStep>().ToList();
        Assert.Same(cancel, repaired[0]);
        Assert.Equal(3, repaired.Select(w => Convert.ToHexString(w.Payload)).Distinct().Count());
    }
}

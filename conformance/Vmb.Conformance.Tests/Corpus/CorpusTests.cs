using System.Text.Json;
using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Corpus;

/// <summary>Every corpus file is replayed on every run and must get the verdicts it records.</summary>
public class CorpusTests
{
    public static TheoryData<string> Files => new(Directory.GetFiles(CorpusEntry.Folder, "*.json").Select(Path.GetFileName).Order()!);

    [Fact]
    public void The_corpus_holds_counterexamples_and_golden_images() =>
        Assert.True(CorpusEntry.All().Count(e => e.Scenario is not null) >= 5 && CorpusEntry.All().Any(e => e.Golden is not null));

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_replays_with_its_recorded_verdicts(string file)
    {
        var entry = CorpusEntry.Load(Path.Combine(CorpusEntry.Folder, file));
        if (entry.Golden is { } golden)
        {
            AssertGoldenImage(golden.Deserialize<GoldenImage>(ScenarioJson.Options)!);
            return;
        }
        Assert.NotNull(entry.Scenario);
        Assert.NotEmpty(entry.Expect);
        var implementation = entry.CreateImplementation();
        foreach (var (id, verdict) in entry.Expect)
        {
            var replay = ConformanceRunner.Replay(implementation, entry.Scenario!, id);
            Assert.Equal(RunOutcome.Completed, replay.End.Outcome);
            var seen = replay.Outcome.Status switch { CheckStatus.Pass => "pass", CheckStatus.Fail => "fail", _ => "not-exercised" };
            Assert.True(seen == verdict, $"{file}: {id} expected {verdict}, got {seen}: {replay.Outcome.Message}");
        }
    }

    private static void AssertGoldenImage(GoldenImage golden)
    {
        using var incoming = new NativeBuffer(RingLayout.RegionSize(golden.IncomingDataSize));
        using var outgoing = new NativeBuffer(RingLayout.RegionSize(4096));
        var endpoint = new PeerEndpoint(incoming.Region, golden.IncomingStart, outgoing.Region, 0);
        Assert.True(endpoint.TryWriteIncoming(PacketEncoder.Encode(golden.Packet, golden.Profile), out _, out _));
        var expected = Convert.FromHexString(golden.ImageHex);
        var data = RingLayout.DataArea(incoming.Region).Span;
        var image = new byte[expected.Length];
        for (var i = 0; i < image.Length; i++) image[i] = data[(golden.IncomingStart + i) % golden.IncomingDataSize];
        Assert.Equal(golden.ImageHex, Convert.ToHexString(image));
    }

    private sealed record GoldenImage(int IncomingDataSize, int IncomingStart, FramingProfile Profile, WritePacketStep Packet, string ImageHex);
}

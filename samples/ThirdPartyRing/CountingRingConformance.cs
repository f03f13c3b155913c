using Vmb.Conformance.Xunit;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;
using Xunit;
using Xunit.Abstractions;

namespace ThirdParty;

/// <summary>
/// The whole plug-in: subclass the package's base class and hand it the ring. The test run then has one test per
/// wire-format requirement, named by ID and level (required_R_RING_7_MUST, optional_R_RING_11_MAY, …).
/// </summary>
public class CountingRingConformance(SuiteRun run, ITestOutputHelper output) : RingConformanceTests(run, output)
{
    protected override IRingImplementation CreateImplementation() => new CountingRing();

    // Optional: more scenarios, another seed, a filter by ID, area or level (D20):
    // protected override SuiteOptions Options => new() { Scenarios = 5000, Seed = 7 };
}

/// <summary>An author's own tests sit beside the conformance ones as usual.</summary>
public class CountingRingTests
{
    [Fact]
    public void Counts_a_packet_written_and_read_back()
    {
        var ring = new CountingRing();
        using var memory = new NativeBuffer(RingLayout.RegionSize(4096));
        var writer = ring.CreateWriter(memory.Region, initialize: true, signalReader: () => { });
        var reader = ring.CreateReader(memory.Region, signalWriter: () => { });

        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 1, [], [1, 2, 3]));
        writer.Commit();
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[256], out _, out _, out _));

        Assert.Equal((1, 1), (ring.Written, ring.Read));
    }
}

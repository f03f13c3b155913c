using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Kmcl;
using Vmb.Ring;

namespace Vmb.Mutation.Killers;

/// <summary>
/// The suite judging code built on impl/Vmb.Ring: the bare reference ring at the ring level, and the reference
/// channel, which reads and writes through that ring, at the channel level.
/// </summary>
public class RingSuiteKillerTests
{
    [Fact]
    public void Ring_level_finds_nothing_broken_in_the_reference_ring() =>
        KillerRun.AssertNothingBroken(RingConformanceRunner.Run(new ReferenceRing(), KillerRun.Options(RingScenarios), KillerRun.Catalog));

    [Fact]
    public void Ring_level_finds_nothing_broken_in_the_reference_ring_accepting_cancels() =>
        KillerRun.AssertNothingBroken(RingConformanceRunner.Run(new ReferenceRing(cancelSupported: true), KillerRun.Options(RingScenarios), KillerRun.Catalog));

    [Fact]
    public void Channel_level_finds_nothing_broken_in_the_channel_on_the_reference_ring() =>
        KillerRun.AssertNothingBroken(ConformanceRunner.Run(new ReferenceChannelImplementation(), KillerRun.Options(ChannelScenarios), KillerRun.Catalog));

    private const int RingScenarios = 300;
    private const int ChannelScenarios = 300;
}

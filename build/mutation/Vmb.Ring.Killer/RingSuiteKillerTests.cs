using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Kmcl;
using Vmb.Ring;

namespace Vmb.Mutation.Killers;

/// <summary>
/// The suite judging code built on impl/Vmb.Ring: the bare reference ring at the ring level, and the reference
/// channel, which reads and writes through that ring, at the channel level; every rule's verdict must be the unmutated
/// ring's (expected/).
/// </summary>
public class RingSuiteKillerTests
{
    [Fact]
    public void Ring_level_gives_the_reference_ring_its_verdicts() =>
        KillerRun.AssertSameVerdicts(RingConformanceRunner.Run(new ReferenceRing(), KillerRun.Options(RingScenarios), KillerRun.Catalog), "ring");

    [Fact]
    public void Ring_level_gives_the_reference_ring_accepting_cancels_its_verdicts() =>
        KillerRun.AssertSameVerdicts(RingConformanceRunner.Run(new ReferenceRing(cancelSupported: true), KillerRun.Options(RingScenarios), KillerRun.Catalog), "ring-cancels");

    [Fact]
    public void Channel_level_gives_the_channel_on_the_reference_ring_its_verdicts() =>
        KillerRun.AssertSameVerdicts(ConformanceRunner.Run(new ReferenceChannelImplementation(), KillerRun.Options(ChannelScenarios), KillerRun.Catalog), "channel");

    private const int RingScenarios = 300;
    private const int ChannelScenarios = 300;
}

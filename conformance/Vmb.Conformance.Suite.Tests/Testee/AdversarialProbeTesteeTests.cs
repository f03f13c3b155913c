using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Testee;
using Xunit.Abstractions;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// Adversarial probes (D15, errata E-34) through the testee protocol: the ring is shared memory, so the harness switches
/// the published bytes while the testee process reads them, and the reads record the switches they saw. Through the
/// mailbox (version 4) the harness's own thread switches them while it waits for the answer (WaitingMutatorTests shows
/// how); on the pipes, where a wait blocks, a mutator thread does.
/// </summary>
public class AdversarialProbeTesteeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("", true)]
    [InlineData("--max-version 3", false)]
    public void R_MAL_10_MUST_probes_switch_the_shared_ring_while_the_testee_reads_and_the_reference_hands_on_one_version(string switches, bool whileWaiting)
    {
        var shm = TesteeHosts.PrivateShm();
        using var testee = TesteeRing.Start(TesteeHosts.Command(switches), TesteeHosts.Short with { SharedMemoryDirectory = shm });
        using (var session = testee.Open(2 * Vmb.Spec.Wire.WireConstants.PageSize))
            Assert.Equal(whileWaiting, ((IWaitingRingSession)session).WorkWhileWaiting(_ => false));
        var level = new RingLevel(testee);
        var probes = Enumerable.Range(0, 200).Select(i => RingLevel.ScenarioAt(ScenarioSeed.For(5, i))).Where(s => s.Mutator is not null).Take(3).ToList();
        Assert.All(probes, p => Assert.NotNull(p.Mutator));
        var reads = probes.SelectMany(p => level.Drive(p, new SuiteOptions()).Steps).Where(s => s.Op.Kind == RingOpKind.Read).ToList();
        // How many raced depends on the machine (both sides must run at once), so it is reported, not asserted.
        output.WriteLine($"{reads.Count(s => s.Switches > 0)} of {reads.Count} reads through the protocol raced the mutator");
        Assert.All(reads, s => Assert.NotNull(s.Switches));
        Assert.All(probes, p => Assert.False(RingConformanceRunner.Replay(testee, p, "R-MAL-10").Reproduced));
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Testee;
using Xunit.Abstractions;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// Adversarial probes (D15, errata E-34) through testee protocol v1: the ring is the shared file, so the harness's mutator
/// thread switches the published bytes while the testee process reads them, and the reads record the switches they saw.
/// </summary>
public class AdversarialProbeTesteeTests(ITestOutputHelper output)
{
    [Fact]
    public void R_MAL_10_MUST_probes_switch_the_shared_ring_while_the_testee_reads_and_the_reference_hands_on_one_version()
    {
        var shm = TesteeHosts.PrivateShm();
        using var testee = TesteeRing.Start(TesteeHosts.Command(), TesteeHosts.Short with { SharedMemoryDirectory = shm });
        var level = new RingLevel(testee);
        var probes = Enumerable.Range(0, 200).Select(i => RingLevel.ScenarioAt(ScenarioSeed.For(5, i))).Where(s => s.Mutator is not null).Take(3).ToList();
        Assert.All(probes, p => Assert.NotNull(p.Mutator));
        var reads = probes.SelectMany(p => level.Drive(p, new SuiteOptions()).Steps).Where(s => s.Op.Kind == RingOpKind.Read).ToList();
        // How many raced depends on the machine, so it is reported, not asserted.
        output.WriteLine($"{reads.Count(s => s.Switches > 0)} of {reads.Count} reads through the protocol raced the mutator");
        Assert.All(reads, s => Assert.NotNull(s.Switches));
        Assert.All(probes, p => Assert.False(RingConformanceRunner.Replay(testee, p, "R-MAL-10").Reproduced));
    }
}

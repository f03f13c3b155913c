using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Testee;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// The ring level through testee protocol v1 (spec/testee-protocol.md) against the .NET testee host: the reference
/// judged out of process gets exactly its in-process verdicts for the same seed (D28), and every way a testee can
/// misbehave gets its verdict while the run completes and leaves no process or shared file behind.
/// </summary>
public class TesteeProtocolTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void The_reference_through_the_protocol_gets_exactly_its_in_process_verdicts()
    {
        var options = new SuiteOptions { Scenarios = 240, Seed = 0xD28 };
        var inProcess = RingConformanceRunner.Run(new ReferenceRing(), options, Catalog);
        SuiteResult outOfProcess;
        int pid;
        var shm = TesteeHosts.PrivateShm();
        using (var testee = TesteeRing.Start(TesteeHosts.Command(), TesteeHosts.Short with { SharedMemoryDirectory = shm }))
        {
            pid = testee.ProcessId!.Value;
            Assert.Equal(new ReferenceRing().Name, testee.Name);
            Assert.Equal(new ReferenceRing().WriterCapabilities, testee.WriterCapabilities);
            Assert.Equal(new ReferenceRing().ReaderCapabilities, testee.ReaderCapabilities);
            outOfProcess = RingConformanceRunner.Run(testee, options, Catalog);
            Assert.Equal(1, testee.ChildrenStarted);
        }
        Assert.Equal(inProcess.Results.Select(r => (r.RequirementId, r.Verdict, r.ScenariosRun, r.ScenariosExercised, r.Detail)),
            outOfProcess.Results.Select(r => (r.RequirementId, r.Verdict, r.ScenariosRun, r.ScenariosExercised, r.Detail)));
        Assert.Equal(inProcess.GeneratorCoverage.OrderBy(c => c.Key), outOfProcess.GeneratorCoverage.OrderBy(c => c.Key));
        Assert.Equal(inProcess.Classify(Catalog).Verdict, outOfProcess.Classify(Catalog).Verdict);
        Assert.False(TesteeHosts.Alive(pid));
        Assert.Empty(Directory.GetFiles(shm));
        Directory.Delete(shm);
    }
}

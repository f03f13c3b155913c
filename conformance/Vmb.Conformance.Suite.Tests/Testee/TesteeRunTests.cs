using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Testee;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>Runs the ring suite against the .NET testee host with switches, then checks no child or shared file is left.</summary>
public abstract class TesteeRunTests : IDisposable
{
    protected static readonly RequirementCatalog Catalog = RequirementCatalog.Load();
    protected static readonly SuiteOptions Few = new() { Scenarios = 6, Seed = 24, ShrinkBudget = 3, FlakyReplays = 1, ShrinkTimeLimit = TimeSpan.FromSeconds(15) };
    private readonly string _pids = Path.Combine(Path.GetTempPath(), $"vmb-testee-pids-{Guid.NewGuid():n}");
    private readonly string _shm = TesteeHosts.PrivateShm();

    public void Dispose()
    {
        File.Delete(_pids);
        Directory.Delete(_shm, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected (SuiteResult Result, int Children) Run(string switches, TesteeOptions? options = null, SuiteOptions? suite = null)
    {
        SuiteResult result;
        int children;
        using (var testee = TesteeRing.Start(HostCommand(switches), Limits(options)))
        {
            result = RingConformanceRunner.Run(testee, suite ?? Few, Catalog);
            children = testee.ChildrenStarted;
        }
        return (Reaped(result, children), children);
    }

    /// <summary>The channel level against the host serving the reference channel (<c>--channel</c>) with <paramref name="switches"/>.</summary>
    protected (SuiteResult Result, int Children) RunChannel(string switches, TesteeOptions? options = null, SuiteOptions? suite = null)
    {
        SuiteResult result;
        int children;
        using (var testee = TesteeChannel.Start(HostCommand($"--channel {switches}"), Limits(options)))
        {
            result = ConformanceRunner.Run(testee, suite ?? Few, Catalog);
            children = testee.ChildrenStarted;
        }
        return (Reaped(result, children), children);
    }

    private string HostCommand(string switches) => TesteeHosts.Command($"{switches} --pid-file \"{_pids}\"");

    private TesteeOptions Limits(TesteeOptions? options) => (options ?? TesteeHosts.Short) with { SharedMemoryDirectory = _shm };

    private SuiteResult Reaped(SuiteResult result, int children)
    {
        // Whatever happened, every child is reaped and every shared file removed.
        var pids = File.ReadAllLines(_pids).Where(l => l.Length > 0).Select(int.Parse).ToList();
        Assert.Equal(children, pids.Count);
        Assert.All(pids, pid => Assert.False(TesteeHosts.Alive(pid), $"testee {pid} is still running"));
        Assert.Empty(Directory.GetFiles(_shm));
        return result;
    }

    protected static RequirementResult Rule(SuiteResult result, string id) => Assert.Single(result.Results, r => r.RequirementId == id);
}

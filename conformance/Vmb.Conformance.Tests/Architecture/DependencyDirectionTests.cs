using System.Reflection;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;

namespace Vmb.Conformance.Tests.Architecture;

/// <summary>
/// Dependencies point one way: core ← levels ← transports ← front ends, reports ← core, and nothing of ours but the tests and front
/// ends meets the reference (D16). The project files already make a cycle impossible; this pins what each assembly
/// actually uses, so a level that starts reading another level or the reports fails here.
/// </summary>
public class DependencyDirectionTests
{
    public static TheoryData<string, string[]> Allowed => new()
    {
        { typeof(SuiteRunner).Assembly.GetName().Name!, ["Vmb.Spec"] },
        { "Vmb.Conformance.Peer", ["Vmb.Spec"] },
        { typeof(ChannelLevel).Assembly.GetName().Name!, ["Vmb.Spec", "Vmb.Conformance.Engine", "Vmb.Conformance.Peer"] },
        { typeof(RingLevel).Assembly.GetName().Name!, ["Vmb.Spec", "Vmb.Conformance.Engine", "Vmb.Conformance.Peer"] },
        { typeof(JsonReport).Assembly.GetName().Name!, ["Vmb.Spec", "Vmb.Conformance.Engine"] },
        // The out-of-process transport serves both levels (D28): it knows their seams, never the reference or the reports.
        { "Vmb.Conformance.Testee", ["Vmb.Spec", "Vmb.Conformance.Engine", "Vmb.Conformance.Ring", "Vmb.Conformance.Channel"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Assembly_uses_only_the_project_assemblies_below_it(string assembly, string[] allowed)
    {
        var ours = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Vmb.", StringComparison.Ordinal)).ToList();
        var forbidden = ours.Except(allowed).ToList();
        Assert.True(forbidden.Count == 0, $"{assembly} references {string.Join(", ", forbidden)}");
    }
}

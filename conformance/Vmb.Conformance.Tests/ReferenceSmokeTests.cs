using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Running;
using Vmb.Kmcl;

namespace Vmb.Conformance.Tests;

/// <summary>The engine's first sanity check: generated scenarios run to completion on the reference and no check fails.</summary>
public class ReferenceSmokeTests
{
    [Fact]
    public void Generated_scenarios_complete_on_the_reference_and_every_check_holds()
    {
        var impl = new ReferenceChannelImplementation();
        var source = new ScenarioSource(impl.Info, 7);
        var checks = CheckRegistry.All();
        var failures = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var run = ScenarioDriver.Run(impl, source.At(i), 200_000);
            Assert.True(run.Outcome == RunOutcome.Completed, $"scenario {i}: {run.Outcome} {run.OutcomeDetail}");
            var context = new CheckContext(run);
            foreach (var check in checks.Where(c => c.Judges(context)))
                if (check.Evaluate(context) is { Status: CheckStatus.Fail } o) failures.Add($"{check.RequirementId} on scenario {i}: {o.Message}");
        }
        Assert.Empty(failures);
    }
}

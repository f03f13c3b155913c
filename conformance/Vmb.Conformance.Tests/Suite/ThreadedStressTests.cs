using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Running;
using Vmb.Kmcl;

namespace Vmb.Conformance.Tests.Suite;

/// <summary>Stress: the same generated scenarios on real threads (ThreadedEnvironment); every check still holds on the traces.</summary>
public class ThreadedStressTests
{
    [Fact]
    public void Every_check_holds_on_threaded_runs_of_the_reference()
    {
        var implementation = new ReferenceChannelImplementation();
        var scenarios = ScenarioGenerators.Scenario(implementation.Info, new GeneratorSettings { Threaded = true }).Sample(60, new Rnd(21UL), 50);
        var checks = CheckRegistry.All();
        var problems = new List<string>();
        foreach (var scenario in scenarios)
        {
            var run = ScenarioDriver.Run(implementation, scenario, 200_000);
            if (run.Outcome != RunOutcome.Completed) { problems.Add($"{run.Outcome}: {run.OutcomeDetail}"); continue; }
            var context = new CheckContext(run);
            foreach (var check in checks.Where(c => c.Judges(context)))
                if (check.Evaluate(context) is { Status: CheckStatus.Fail } o)
                    problems.Add($"{check.RequirementId}: {o.Message}{Environment.NewLine}{scenario.Describe()}");
        }
        ScenarioCounter.Add(scenarios.Length);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(3)));
    }
}

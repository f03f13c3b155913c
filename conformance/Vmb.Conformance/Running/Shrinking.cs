using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Running;

/// <summary>Greedy shrinking of a failing scenario for one check, re-running the implementation each time.</summary>
public static class Shrinking
{
    /// <summary>The smallest variant that still fails <paramref name="check"/>, the failing run, and the shrink steps taken.</summary>
    public static (RunRecord Run, CheckOutcome Outcome, int Steps) Shrink(
        IChannelImplementation implementation, RequirementCheck check, RunRecord failing, CheckOutcome outcome, int stepBudget, int runBudget)
    {
        var best = failing;
        var bestOutcome = outcome;
        var steps = 0;
        var runs = 0;
        var improved = true;
        while (improved && runs < runBudget)
        {
            improved = false;
            foreach (var candidate in ScenarioShrinker.Shrink(best.Scenario, implementation.Info))
            {
                if (++runs > runBudget) break;
                var run = ScenarioDriver.Run(implementation, candidate, stepBudget);
                if (!Judge.Judges(check, run)) continue;
                var result = Judge.Evaluate(check, new CheckContext(run));
                if (result.Status != CheckStatus.Fail) continue;
                best = run;
                bestOutcome = result;
                steps++;
                improved = true;
                break;
            }
        }
        return (best, bestOutcome, steps);
    }

    /// <summary>Replays <paramref name="scenario"/> <paramref name="times"/> times; returns how many failed <paramref name="check"/>.</summary>
    public static int Replay(IChannelImplementation implementation, RequirementCheck check, Scenario scenario, int times, int stepBudget)
    {
        var failed = 0;
        for (var i = 0; i < times; i++)
        {
            var run = ScenarioDriver.Run(implementation, scenario, stepBudget);
            if (Judge.Judges(check, run) && Judge.Evaluate(check, new CheckContext(run)).Status == CheckStatus.Fail) failed++;
        }
        return failed;
    }
}

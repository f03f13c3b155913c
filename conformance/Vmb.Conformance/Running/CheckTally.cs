using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;

namespace Vmb.Conformance.Running;

/// <summary>What one check saw over the whole run.</summary>
internal sealed class CheckTally(RequirementCheck check)
{
    public RequirementCheck Check { get; } = check;
    public int Run { get; set; }
    public int Exercised { get; set; }
    public RunRecord? FirstFailure { get; set; }
    public CheckOutcome FailureOutcome { get; set; }
    public Dictionary<string, int> Observations { get; } = new();

    public void Add(RunRecord run, CheckOutcome outcome)
    {
        Run++;
        if (outcome.Status == CheckStatus.NotExercised) return;
        Exercised++;
        if (outcome.Status == CheckStatus.Fail && FirstFailure is null)
        {
            FirstFailure = run;
            FailureOutcome = outcome;
        }
        if (Check is InformationalCheck && outcome.Message is { } seen) Observations[seen] = Observations.GetValueOrDefault(seen) + 1;
    }
}

using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;

namespace Vmb.Conformance.Running;

/// <summary>Evaluates checks on a run; a check that throws is a harness error, never a verdict on the implementation.</summary>
public static class Judge
{
    /// <summary>True when <paramref name="check"/> judges <paramref name="run"/> at all (misuse runs only feed misuse checks).</summary>
    public static bool Judges(RequirementCheck check, RunRecord run) =>
        check.AppliesTo(run.Implementation) && check.JudgesMisuseProbes == run.Scenario.HasMisuseProbe;

    /// <summary>Evaluates one check.</summary>
    public static CheckOutcome Evaluate(RequirementCheck check, CheckContext context)
    {
        try { return check.Evaluate(context); }
        catch (Exception e) { throw new HarnessException($"check {check} threw {e.GetType().Name}: {e.Message}", e); }
    }
}

/// <summary>The harness itself failed.</summary>
public sealed class HarnessException(string message, Exception inner) : Exception(message, inner);

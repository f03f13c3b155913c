using Vmb.Conformance.Engine;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Checks;

/// <summary>
/// The shared model of R-SYNC-3 and R-SYNC-4: a callback that must never start while a ProcessPacket call is
/// still running. Threaded scenarios record begin/end from several threads, so only serial runs are judged.
/// </summary>
internal static class PresentationOverlap
{
    /// <summary>Fails at the first event matching <paramref name="isGuarded"/> that begins inside a ProcessPacket call.</summary>
    public static CheckOutcome Judge(CheckContext c, Func<TraceEvent, bool> isGuarded, string failure)
    {
        var open = 0;
        var exercised = false;
        foreach (var e in c.Events)
        {
            if (e is PresentationBegun) open++;
            if (e is PresentationEnded) open--;
            if (!isGuarded(e)) continue;
            exercised = true;
            if (open > 0 && !c.Scenario.Threaded) return CheckOutcome.Fail(failure, e.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

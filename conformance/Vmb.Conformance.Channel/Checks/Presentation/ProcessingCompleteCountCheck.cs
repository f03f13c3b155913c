using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-18 (P-11): processing-complete(n) counts the presentations of its run: at least one, and no more than were made since the previous one (a run that ended for another reason MAY go unreported, R-PP-19); a drained ring always produces one.</summary>
internal sealed class ProcessingCompleteCountCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-18";

    /// <summary>On real threads a quota change, or another intake run, can land between an event and the call it records (<see cref="RequirementCheck.SerialOnly"/>).</summary>
    public override bool SerialOnly => true;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        if (!c.Scenario.Options.ProcessingCompleteCallback || c.Presentations.Count == 0) return CheckOutcome.NotExercised;
        var since = 0;
        TraceEvent? lastPresentation = null;
        foreach (var e in c.Events)
        {
            if (e is PresentationBegun) { since++; lastPresentation = e; }
            if (e is not ProcessingCompleteCalled call) continue;
            if (call.Count < 1 || call.Count > since) return CheckOutcome.Fail($"ProcessingComplete({call.Count}) after {since} presentation(s) since the previous one", e.Index);
            since = 0;
        }
        if (since > 0 && c.Finished) return CheckOutcome.Missing($"the run ended with {since} presentation(s) and no ProcessingComplete after them", lastPresentation!.Index);
        return CheckOutcome.Pass;
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-SYNC-8 (MAY): answers that race with Suspend or Pause are accepted, and Pause waits for them.</summary>
internal sealed class AnswersDuringPauseCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SYNC-8";

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.PauseStart;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var pause in c.Of<ControlCalled>().Where(e => e.Call == Subject.Pause))
        {
            var done = c.Of<ControlCompleted>().FirstOrDefault(e => e.Index > pause.Index && e.Call == Subject.Pause);
            var end = done?.Index ?? int.MaxValue;
            foreach (var answer in c.Of<PacketCompleted>().Where(a => a.Index > pause.Index && a.Index < end && a.Packet >= 0 && !a.InsideCallback))
            {
                exercised = true;
                if (c.RefusedComplete(answer) is { } threw)
                    return CheckOutcome.Fail($"an answer given while Pause was waiting was refused: {threw.Message}", threw.Index);
            }
            if (exercised && done is null && c.LivenessJudgeable) return CheckOutcome.Missing("Pause never returned after the outstanding packets were answered", pause.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

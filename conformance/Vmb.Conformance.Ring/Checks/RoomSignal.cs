using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// The room-signal model of R-SIG-5 for reader commits: signal iff pss (rounded down to 8) ≠ 0, free before the
/// batch ≤ pss and free after &gt; pss. The harness always sets feature bit 0, so R-SIG-8 never excuses silence.
/// </summary>
internal static class RoomSignal
{
    public static CheckOutcome Judge(RingRun run, bool masked)
    {
        var size = run.Scenario.DataSize;
        var exercised = false;
        foreach (var f in RingModel.Reader(run).Where(f => f.Step.Op.Kind == RingOpKind.Commit && f.Step.Signal is not null && f.Masked == masked && !f.Poisoned))
        {
            var w = f.Step.Field(ControlPage.WriteIndexOffset);
            if (w >= size || w % 8 != 0) continue;
            var pss = f.Step.Field(ControlPage.PendingSendSizeOffset) & ~7u;
            var released = RingModel.Used(size, f.Position, f.Committed);
            var freeAfter = size - RingModel.Used(size, w, f.Position);
            var freeBefore = freeAfter - released;
            var expected = pss != 0 && freeBefore <= pss && freeAfter > pss;
            exercised |= pss != 0 && released > 0;
            if (f.Step.Signal != expected)
                return CheckOutcome.Fail(
                    $"reader Commit returned signal = {f.Step.Signal}{(masked ? " with interrupt_mask set" : "")}; expected {expected} (pending_send_size {pss}, free before {freeBefore}, after {freeAfter})", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

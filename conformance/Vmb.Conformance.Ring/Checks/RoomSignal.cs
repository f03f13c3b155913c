using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// The room-signal model of R-SIG-5, shape-neutral (D25): the operation that publishes read_index — a Commit when the
/// reader stages, each read when it does not — signals iff pss (rounded down to 8) ≠ 0, free before the publication
/// ≤ pss and free after &gt; pss, and signals after the store; no other operation signals. Judged on the state at
/// that operation (the harness does not move W or pss during one). The harness always sets feature bit 0, so
/// R-SIG-8 never excuses silence. A missing signal while interrupt_mask is set is R-SIG-7's failure; every other
/// wrong decision is R-SIG-5's.
/// </summary>
internal static class RoomSignal
{
    public static CheckOutcome Judge(RingRun run, bool maskRule)
    {
        var size = run.Scenario.DataSize;
        var exercised = false;
        foreach (var f in RingModel.Reader(run).Where(f => f.Step.ByImplementation && f.Step.Outcome != StepOutcome.Threw && !f.Poisoned))
        {
            var w = f.Step.Field(ControlPage.WriteIndexOffset);
            if (w >= size || w % 8 != 0) continue;
            var pss = f.Step.Field(ControlPage.PendingSendSizeOffset) & ~7u;
            var released = RingModel.Used(size, f.CommittedAfter, f.Committed);
            var freeAfter = size - RingModel.Used(size, w, f.CommittedAfter);
            var freeBefore = freeAfter - released;
            var expected = released > 0 && pss != 0 && freeBefore <= pss && freeAfter > pss;
            var signals = f.Step.Signals.Count;
            var why = $"pending_send_size {pss}, free before {freeBefore}, after {freeAfter}{(f.Masked ? ", interrupt_mask set" : "")}";
            if (maskRule)
            {
                exercised |= f.Masked && pss != 0 && released > 0;
                if (f.Masked && expected && signals == 0)
                    return CheckOutcome.Fail($"{f.Step.Op} released room but raised no signal while interrupt_mask was set ({why})", f.Step.Index);
                continue;
            }
            exercised |= !f.Masked && pss != 0 && released > 0;
            if (signals > 1)
                return CheckOutcome.Fail($"{f.Step.Op} raised {signals} signals; at most one is due ({why})", f.Step.Index);
            if (signals == 1 && !expected)
                return CheckOutcome.Fail($"{f.Step.Op} raised a signal; none is due ({why})", f.Step.Index);
            if (signals == 0 && expected && !f.Masked)
                return CheckOutcome.Fail($"{f.Step.Op} raised no signal; one is due ({why})", f.Step.Index);
            if (signals == 1 && ControlPage.Read(f.Step.Signals[0], ControlPage.ReadIndexOffset) != (uint)f.CommittedAfter)
                return CheckOutcome.Fail($"{f.Step.Op} signalled before it stored the new read_index {f.CommittedAfter}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-DESC-4: len8 ≥ offset8 and len8 × 8 = round_up(16 + header + payload, 8). Judged on the descriptor the writer
/// left where the model expects the packet, right after the write, and on every packet the harness read back. A
/// writer that frames one packet too long moves every later packet off the model's boundaries, so no later packet
/// can be paired with its write: the first one, found where it should be, carries the verdict.
/// </summary>
internal sealed class Len8ExactCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-4";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        foreach (var (step, op, found) in Written(run))
        {
            exercised = true;
            var want = WireConstants.AlignUp(WireConstants.DescriptorSize + RingPacketBytes.HeaderLength(op) + op.Payload) / WireConstants.Alignment;
            if (found.Len8 != want || found.Len8 < found.Offset8)
                return CheckOutcome.Fail($"len8 = {found.Len8} (offset8 {found.Offset8}) for header {RingPacketBytes.HeaderLength(op)} + payload {op.Payload} bytes; expected {want}", step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }

    // Each packet's descriptor in the order the run shows it: in the ring right after a write, where it is this write's
    // own (the write changed those bytes, and they carry its type and transaction id, at the position the model staged
    // it; a writer that copies at its commit is seen there only through the read-back), and as the harness read it back.
    private static IEnumerable<(RingStep Step, RingOp Op, PacketDescriptor Found)> Written(RingRun run)
    {
        var readBack = WrittenPackets.Of(run).ToDictionary(p => p.Step.Index);
        var facts = RingModel.Writer(run);
        var before = new byte[run.Scenario.DataSize]; // the data area of a fresh ring; after the first step, the step before's
        for (var i = 0; i < facts.Count; before = facts[i].Step.Data, i++)
        {
            var f = facts[i];
            if (readBack.TryGetValue(f.Step.Index, out var p)) yield return (p.Step, p.Expected.Op, p.Found);
            if (f.Step.Op.Kind != RingOpKind.Write || f.Step.Outcome != StepOutcome.Written || f.Overrun || f.FreeBefore < 0) continue;
            var start = (int)f.StagedBefore;
            var at = RingModel.DescriptorAt(f.Step.Data, start);
            var op = f.Step.Op;
            // The descriptor's fields cover all 16 of its bytes, so an unchanged descriptor is unchanged bytes.
            if (at.Type == (ushort)op.Type && at.TransactionId == op.Tid && RingModel.DescriptorAt(before, start) != at)
                yield return (f.Step, op, at);
        }
    }
}

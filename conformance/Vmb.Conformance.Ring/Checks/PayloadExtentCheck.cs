using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-DESC-5 (INV-FIFO): the payload is the (len8 − offset8) × 8 bytes from offset8 × 8, and packets come out in
/// write order with identical descriptor fields, header and payload; a well-formed packet is handed over, not refused,
/// whatever its padding holds (R-DESC-16 cannot be told apart from this rule, E-42).
/// </summary>
internal sealed class PayloadExtentCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-5";

    // The read situations this rule speaks about: an empty payload, and padding that is not zero.
    private const ReadCondition Own = ReadCondition.EmptyPayload | ReadCondition.GarbagePadding;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        if (run.Scenario.Role == RingRole.Writer)
        {
            foreach (var p in WrittenPackets.Of(run))
            {
                exercised = true;
                if (PacketContent.Difference(run, p.Expected.Op, p.Bytes) is { } why)
                    return CheckOutcome.Fail($"packet at {p.Step.PeerStart} ({p.Expected.Op}): {why}", p.Step.Index);
            }
            return CheckOutcome.PassIf(exercised);
        }
        var conditions = ReadConditions.Of(run);
        foreach (var f in RingModel.Reader(run).Where(f => f.Step.Op.Kind == RingOpKind.Read && f.Expected == ExpectedRead.Packet))
        {
            exercised = true;
            // A well-formed packet refused is not handed over at all; where a situation another rule speaks of explains
            // the refusal, that rule's check judges it (E-38, E-40).
            // Non-zero padding is this rule's situation too: a reader cannot tell padding from payload (E-42).
            var garbage = f.Next!.Op.Fault == RingFault.GarbagePadding;
            var padding = garbage ? ", whose padding bytes are not zero (R-DESC-16)" : "";
            if (f.Step.Outcome == StepOutcome.Malformed)
            {
                if (conditions.Attributable(f, Own))
                    return CheckOutcome.Fail($"well-formed packet at {f.Next.Start} ({f.Next.Op}){padding} refused as malformed: {f.Step.Error}", f.Step.Index);
                continue;
            }
            if (f.Step.Outcome != StepOutcome.Packet) continue;
            var want = f.Next!.Descriptor;
            var got = f.Step.Packet!.Value;
            if (got.RingOffset != f.Next.Start || got.Length != want.Length || got.Descriptor.PayloadLength != want.PayloadLength)
                return CheckOutcome.Fail($"returned packet at {got.RingOffset}, length {got.Length}, payload {got.Descriptor.PayloadLength}; written at {f.Next.Start}, length {want.Length}, padded payload {want.PayloadLength}", f.Step.Index);
            if ((!garbage || conditions.Attributable(f, Own)) && PacketContent.Difference(run, f.Next.Op, f.Step.PacketBytes!) is { } why)
                return CheckOutcome.Fail($"packet at {got.RingOffset} ({f.Next.Op}){padding}: {why}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-RING-8 (INV-WRAP): packets whose descriptor, header or payload straddles the end of the data area round-trip
/// byte-exactly; a reader also takes a packet whose trailer alone lies past the end.
/// </summary>
internal sealed class WrapRoundTripCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-8";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var size = run.Scenario.DataSize;
        var exercised = false;
        if (run.Scenario.Role == RingRole.Writer)
        {
            foreach (var p in WrittenPackets.Of(run).Where(p => p.Expected.Straddles(size)))
            {
                exercised = true;
                if (PacketContent.Difference(run, p.Expected.Op, p.Bytes) is { } why)
                    return CheckOutcome.Fail($"packet at {p.Step.PeerStart} wraps at {size}: {why}", p.Step.Index);
            }
            return CheckOutcome.PassIf(exercised);
        }
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        // A packet whose trailer alone lies past the end is read in one piece, but the index that passes it wraps: it
        // must be read at all (E-40); its bytes cross nothing.
        foreach (var f in facts.Where(f => f.Expected == ExpectedRead.Packet && f.Next!.RunsPastEnd(size) && f.Next.Op.Fault != RingFault.GarbagePadding))
        {
            if (f.Step.Op.Kind != RingOpKind.Read) continue;
            exercised = true;
            if (!conditions.Attributable(f, ReadCondition.Wraps)) continue;
            if (f.Step.Outcome != StepOutcome.Packet)
                return CheckOutcome.Fail($"reading the packet at {f.Next!.Start}, which wraps at {size}, gave {f.Step.Outcome} {f.Step.Error}", f.Step.Index);
            if (f.Next!.Straddles(size) && PacketContent.Difference(run, f.Next.Op, f.Step.PacketBytes!) is { } why)
                return CheckOutcome.Fail($"packet at {f.Next.Start} wraps at {size}: {why}", f.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

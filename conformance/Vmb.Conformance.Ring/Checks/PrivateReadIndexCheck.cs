using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-MAL-12: after the peer scribbles on read_index, the reader keeps reading from its own copy and its next
/// commit publishes its own position. What it reads must be what its own position holds: the packet, nothing, a
/// "too small" for a short destination, or a rejection located in the malformed packet that is there.
/// </summary>
internal sealed class PrivateReadIndexCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-12";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        // After a rejection the model still knows one thing for certain: retries face the same malformed packet.
        var facts = RingModel.Reader(run);
        var conditions = ReadConditions.Of(run);
        foreach (var f in facts.Where(f => f.AfterClobber && f.Step.ByImplementation && f.Step.Outcome != StepOutcome.Threw
                     && (!f.Poisoned || f.Step.Op.Kind == RingOpKind.Read && f.Expected == ExpectedRead.Malformed)))
        {
            if (f.Step.Op.Kind == RingOpKind.Read)
            {
                exercised = true;
                // A packet missed (Empty) can have other causes than the position: a reader blind at attach, or one that takes a wrapped writer for none (E-38).
                if (Misread(run, f) is { } want && (f.Step.Outcome != StepOutcome.Empty || conditions.Attributable(f, ReadCondition.None)))
                    return CheckOutcome.Fail($"after read_index was overwritten, the read returned {f.Step.Outcome}{(f.Step.Packet is { } q ? $" at {q.RingOffset}" : "")}{(f.Step.Error is { } e ? $" ({e.RuleId} at ring offset {e.RingOffset})" : "")}; its own position {f.Position} says {want}", f.Step.Index);
            }
            // The step that publishes — a Commit when the reader stages, a read when it does not (D25) — stores the
            // reader's own position, not anything derived from the scribble.
            if (f.CommittedAfter != f.Committed)
            {
                exercised = true;
                var r = f.Step.Field(ControlPage.ReadIndexOffset);
                if (r != (uint)f.CommittedAfter)
                    return CheckOutcome.Fail($"after read_index was overwritten, {f.Step.Op} published {r}; the reader's own position is {f.CommittedAfter}", f.Step.Index);
            }
        }
        return CheckOutcome.PassIf(exercised);
    }

    // What the reader's own position holds, when the read returned something else; null when it matches.
    private static string? Misread(RingRun run, ReaderFact f)
    {
        var outcome = f.Step.Outcome;
        return f.Expected switch
        {
            ExpectedRead.Empty => outcome == StepOutcome.Empty ? null : "Empty",
            ExpectedRead.Packet => outcome == StepOutcome.Packet && f.Step.Packet?.RingOffset == f.Next!.Start || RefusedInPlace(run, f) ? null : $"Packet at {f.Next!.Start}",
            ExpectedRead.TooSmall => outcome == StepOutcome.BufferTooSmall || RefusedInPlace(run, f) ? null : "BufferTooSmall",
            // A rejection must be about the malformed packet at the reader's position, not about bytes found elsewhere;
            // a corrupt write_index is reported at the control page, so only the status is judged then.
            _ when f.Next!.Op.Fault == RingFault.CorruptWriteIndex => null,
            // After a rejection, a retry that does not reject again is R-MAL-9's failure; only a rejection found elsewhere is a misread.
            _ when f.Poisoned && outcome != StepOutcome.Malformed => null,
            // Which comes first for a malformed packet and a short destination, the size or the rejection, is the reader's choice.
            _ when outcome == StepOutcome.BufferTooSmall && f.Step.Op.Destination != 0 => null,
            // Accepting the malformed packet is another rule's failure; the position read was right.
            _ when outcome == StepOutcome.Packet && f.Step.Packet?.RingOffset == f.Next!.Start => null,
            _ => outcome == StepOutcome.Malformed && f.Step.Error is { } error && About(error, f.Next!, run, f.Step.Index)
                ? null : $"a rejection of the packet at {f.Next!.Start}",
        };
    }

    // A well-formed packet refused where it lies: the reader was at its own position, so whatever made it refuse is another
    // rule's failure (E-38), not a misread of read_index.
    // Where the error is located in the packet's descriptor: a reader at another position would name bytes elsewhere.
    private static bool RefusedInPlace(RingRun run, ReaderFact f) =>
        f.Step.Outcome == StepOutcome.Malformed && f.Step.Error is { RingOffset: { } at } error
        && (at - f.Next!.Start + run.Scenario.DataSize) % run.Scenario.DataSize < WireConstants.DescriptorSize && About(error, f.Next, run, f.Step.Index);

    // The rejection is about the packet at the reader's position: located inside it, and a descriptor field it
    // names has the value that packet's descriptor holds (a field value read elsewhere gives the misread away).
    private static bool About(RingError error, ModelPacket packet, RingRun run, int step)
    {
        var size = run.Scenario.DataSize;
        // An error without a location (errno-style, D25) cannot give a misread away; its status was judged above.
        if (error.RingOffset is not { } offset) return true;
        if (offset < 0 || (offset - packet.Start + size) % size >= packet.Total) return false;
        var descriptor = RingModel.DescriptorAt(run.Steps[step].Data, packet.Start);
        long? held = error.Field switch
        {
            "type" => descriptor.Type,
            "offset8" => descriptor.Offset8,
            "len8" => descriptor.Len8,
            "flags" => descriptor.Flags,
            _ => null,
        };
        return held is null || held == error.Value;
    }
}

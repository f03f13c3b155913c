using Vmb.Conformance.Engine;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-MAL-12: after the peer scribbles on read_index, the reader keeps reading from its own copy and its next
/// commit publishes its own position.
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
        foreach (var f in RingModel.Reader(run).Where(f => f.AfterClobber && f.Step.ByImplementation && f.Step.Exception is null && !f.Poisoned))
        {
            if (f.Step.Op.Kind == RingOpKind.Read && f.Expected is ExpectedRead.Packet or ExpectedRead.Empty)
            {
                exercised = true;
                var want = f.Expected == ExpectedRead.Packet ? nameof(RingReadStatus.Packet) : nameof(RingReadStatus.Empty);
                if (f.Step.Outcome != want || (f.Step.Packet is { } p && p.RingOffset != f.Next!.Start))
                    return CheckOutcome.Fail($"after read_index was overwritten, the read returned {f.Step.Outcome}{(f.Step.Packet is { } q ? $" at {q.RingOffset}" : "")}; its own position {f.Position} says {want}", f.Step.Index);
            }
            if (f.Step.Op.Kind == RingOpKind.Commit)
            {
                exercised = true;
                var r = f.Step.Field(ControlPage.ReadIndexOffset);
                var expected = f.Position == f.Committed ? ControlPage.Read(run.ControlBefore(f.Step.Index), ControlPage.ReadIndexOffset) : (uint)f.Position;
                if (f.Position != f.Committed && r != expected)
                    return CheckOutcome.Fail($"after read_index was overwritten, Commit published {r}; the reader's own position is {f.Position}", f.Step.Index);
            }
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-DESC-1 (INV-FRAME): after every publication of write_index (a commit, or a write of a writer that does not
/// stage, D25), walking from R in steps of len8 × 8 + 8 over sane descriptors lands
/// exactly on W — nothing sits between packets.
/// </summary>
internal sealed class FramesLandOnWriteIndexCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-1";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var size = run.Scenario.DataSize;
        var exercised = false;
        foreach (var step in RingModel.Writer(run).Where(f => !f.Overrun && f.Published && f.Step.Outcome != StepOutcome.Threw).Select(f => f.Step))
        {
            long w = step.Field(ControlPage.WriteIndexOffset), r = step.Field(ControlPage.ReadIndexOffset);
            if (w >= size || w % 8 != 0) continue; // R-RING-4's verdict
            if (r >= size || r % 8 != 0) continue; // the peer published a corrupt R on purpose (R-MAL-15)
            var used = RingModel.Used(size, w, r);
            var at = (int)r;
            while (used > 0)
            {
                exercised = true;
                if (used < WireConstants.MinPacketTotal)
                    return CheckOutcome.Fail($"{used} bytes left before W at offset {at}: not a whole packet", step.Index);
                var d = RingModel.DescriptorAt(step.Data, at);
                if (d.Offset8 < 2 || d.Len8 < d.Offset8 || d.TotalLength > used)
                    return CheckOutcome.Fail($"descriptor at {at} (offset8 {d.Offset8}, len8 {d.Len8}) does not frame a packet within the {used} bytes before W", step.Index);
                used -= d.TotalLength;
                at = (at + d.TotalLength) % size;
            }
        }
        return CheckOutcome.PassIf(exercised);
    }
}

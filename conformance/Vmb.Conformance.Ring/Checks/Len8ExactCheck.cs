using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-DESC-4: len8 ≥ offset8 and len8 × 8 = round_up(16 + header + payload, 8).</summary>
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
        foreach (var p in WrittenPackets.Of(run))
        {
            exercised = true;
            var op = p.Expected.Op;
            var want = WireConstants.AlignUp(WireConstants.DescriptorSize + RingPacketBytes.Header(op).Length + op.Payload) / WireConstants.Alignment;
            if (p.Found.Len8 != want || p.Found.Len8 < p.Found.Offset8)
                return CheckOutcome.Fail($"len8 = {p.Found.Len8} (offset8 {p.Found.Offset8}) for header {RingPacketBytes.Header(op).Length} + payload {op.Payload} bytes; expected {want}", p.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

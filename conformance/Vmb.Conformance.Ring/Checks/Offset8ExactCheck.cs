using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-DESC-3: offset8 counts descriptor and type header — exactly 2 for in-band and completion packets.</summary>
internal sealed class Offset8ExactCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-3";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        foreach (var p in WrittenPackets.Of(run))
        {
            exercised = true;
            var want = (WireConstants.DescriptorSize + RingPacketBytes.HeaderLength(p.Expected.Op)) / WireConstants.Alignment;
            if (p.Found.Offset8 != want)
                return CheckOutcome.Fail($"offset8 = {p.Found.Offset8} for a {p.Expected.Op.Type} packet with a {RingPacketBytes.HeaderLength(p.Expected.Op)}-byte type header; expected {want}", p.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

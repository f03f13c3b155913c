using Vmb.Conformance.Peer;
using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-DESC-7: every written packet is followed by the trailer u32 0, u32 start offset.</summary>
internal sealed class RingTrailerCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-7";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        var size = run.Scenario.DataSize;
        foreach (var p in WrittenPackets.Of(run))
        {
            exercised = true;
            var at = (p.Step.PeerStart + p.Found.Length) % size;
            var trailer = Trailer.Read(p.Step.Data.AsSpan(at, WireConstants.TrailerSize));
            var want = Trailer.ValueFor((uint)p.Step.PeerStart);
            if (trailer != want)
                return CheckOutcome.Fail($"trailer at {at} of the packet starting at {p.Step.PeerStart} is 0x{trailer:x16}; expected 0x{want:x16}", p.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

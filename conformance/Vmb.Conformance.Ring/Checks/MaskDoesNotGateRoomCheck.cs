using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-SIG-7: interrupt_mask does not suppress the room signal — a publication that releases room past pss signals while masked too.</summary>
internal sealed class MaskDoesNotGateRoomCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-7";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run) => RoomSignal.Judge(run, maskRule: true);
}

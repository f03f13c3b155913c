using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-SIG-5 (INV-SIG-R): the reader signals exactly when a publication of read_index lifts free space past pending_send_size, and at no other operation.</summary>
internal sealed class RingRoomSignalCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-5";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run) => RoomSignal.Judge(run, maskRule: false);
}

using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-SIG-5 (INV-SIG-R): with interrupts unmasked, a reader commit signals exactly when free space crosses pending_send_size upwards.</summary>
internal sealed class RingRoomSignalCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-5";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run) => RoomSignal.Judge(run, masked: false);
}

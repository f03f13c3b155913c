using Vmb.Conformance.Engine;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Checks.Ring;

/// <summary>
/// R-SIG-1 at the channel level: the channel, writer of the outgoing ring, rings the peer when its completions turn
/// that ring from empty to non-empty (the harness's reader never sets interrupt_mask). Here only the lost wake-up is
/// judged, a publication into the empty ring with no signal before the peer next looks; staying silent otherwise is
/// judged where a ring is driven alone (NewDataSignalCheck), since a channel also signals the incoming ring's writer
/// on the same doorbell (R-SIG-5) and the two cannot be told apart here. E-36.
/// </summary>
internal sealed class CompletionSignalCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-1";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var unsignalled = c.Of<OutgoingUnsignalled>().FirstOrDefault();
        if (unsignalled is not null)
            return CheckOutcome.Fail($"{unsignalled.Used} B published into the empty outgoing ring (interrupt_mask 0) and no signal came", unsignalled.Index);
        return CheckOutcome.PassIf(!c.Scenario.Threaded && c.OutgoingPackets.Any());
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Ring;

/// <summary>R-SIG-5: the channel, reading the incoming ring, signals when free space crosses the writer's pending_send_size.</summary>
internal sealed class RoomSignalCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SIG-5";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var missing = c.Of<RoomSignalMissing>().FirstOrDefault();
        if (missing is not null) return CheckOutcome.Fail($"the incoming ring has {missing.Free} B free > pending_send_size {missing.PendingSendSize} but the reader did not signal", missing.Index);
        return CheckOutcome.PassIf(c.Run.Facts.IncomingRingFull && c.Finished);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-3 (P-19): registration with a null process-packet callback is refused with an error status.</summary>
internal sealed class NullCallbackRefusedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-3";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var probe = c.Of<ControlCalled>().FirstOrDefault(e => e.Call == Subject.NullProcessPacketProbe);
        if (probe is null) return CheckOutcome.NotExercised;
        return NtStatus.IsSuccess(probe.Status) ? CheckOutcome.Fail("registering a null process-packet callback succeeded", probe.Index) : CheckOutcome.Pass;
    }
}

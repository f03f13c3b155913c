using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-2 (P-19): an Init* call after Enable returns STATUS_INVALID_PARAMETER_1 (success before Enable is R-LIFE-1).</summary>
internal sealed class InitAfterEnableRefusedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-2";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var calls = c.Of<ControlCalled>().ToList();
        var probe = calls.FirstOrDefault(e => e.Call == Subject.InitAfterEnable);
        if (probe is null) return CheckOutcome.NotExercised;
        return probe.Status == NtStatus.InvalidParameter1 ? CheckOutcome.Pass
            : CheckOutcome.Fail($"InitSetClientContextSize after Enable returned {NtStatus.Name(probe.Status)}", probe.Index);
    }
}

using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-2 (P-19): Init* before Enable succeeds; after Enable it returns STATUS_INVALID_PARAMETER_1.</summary>
public sealed class InitAfterEnableRefusedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-2";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var calls = c.OfKind(TraceKind.ControlCalled).ToList();
        foreach (var e in calls.TakeWhile(e => e.Detail != "Enable"))
            if (e.Detail!.StartsWith("Init", StringComparison.Ordinal) && e.Status != NtStatus.Success)
                return CheckOutcome.Fail($"{e.Detail} on a disabled channel returned {NtStatus.Name(e.Status)}", e.Index);
        var probe = calls.FirstOrDefault(e => e.Detail == "InitAfterEnable");
        if (probe is null) return CheckOutcome.Pass;
        return probe.Status == NtStatus.InvalidParameter1 ? CheckOutcome.Pass
            : CheckOutcome.Fail($"InitSetClientContextSize after Enable returned {NtStatus.Name(probe.Status)}", probe.Index);
    }
}

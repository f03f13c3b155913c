using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-1 (P-19): a new channel is Disabled and accepts every Init* call then.</summary>
internal sealed class InitWhileDisabledCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-1";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var calls = c.Of<ControlCalled>().TakeWhile(e => e.Call != Subject.Enable).Where(e => e.Call.IsInit()).ToList();
        foreach (var e in calls)
            if (e.Status != NtStatus.Success) return CheckOutcome.Fail($"{e.Call} on a disabled channel returned {NtStatus.Name(e.Status)}", e.Index);
        return CheckOutcome.PassIf(calls.Count > 0);
    }
}

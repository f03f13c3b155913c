using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-LIFE-11 (P-8, D19): from Suspend until the next Started no ProcessPacket runs.</summary>
internal sealed class NoPresentationWhileSuspendedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-LIFE-11";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var suspended = false;
        var exercised = false;
        foreach (var e in c.Events)
        {
            if (e is StateCallbackBegun { Callback: Subject.Suspend }) { suspended = true; exercised = true; }
            if (e is StateCallbackBegun { Callback: Subject.Started }) suspended = false;
            if (e is PresentationBegun p && suspended)
                return CheckOutcome.Fail($"packet {p.Packet} presented after Suspend and before the next Started", e.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

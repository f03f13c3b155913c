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
            if (e.Kind == TraceKind.StateCallbackBegun && e.Subject == Subject.Suspend) { suspended = true; exercised = true; }
            if (e.Kind == TraceKind.StateCallbackBegun && e.Subject == Subject.Started) suspended = false;
            if (e.Kind == TraceKind.PresentationBegun && suspended)
                return CheckOutcome.Fail($"packet {e.Packet} presented after Suspend and before the next Started", e.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

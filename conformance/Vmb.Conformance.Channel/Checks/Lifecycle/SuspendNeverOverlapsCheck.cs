using Vmb.Conformance.Engine;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Checks.Lifecycle;

/// <summary>R-SYNC-4: Suspend never overlaps a ProcessPacket call.</summary>
internal sealed class SuspendNeverOverlapsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SYNC-4";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c) =>
        PresentationOverlap.Judge(c, e => e is StateCallbackBegun { Callback: Subject.Suspend }, "Suspend began while ProcessPacket was running");
}

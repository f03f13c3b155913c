using Vmb.Conformance.Engine;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-SYNC-3: processing-complete starts only after the last ProcessPacket of its run returned.</summary>
internal sealed class ProcessingCompleteAfterReturnCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SYNC-3";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c) =>
        PresentationOverlap.Judge(c, e => e is ProcessingCompleteCalled, "ProcessingComplete began while a ProcessPacket call was still running");
}

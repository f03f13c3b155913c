using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Informational;

/// <summary>R-SYNC-5 (INFO): whether the ProcessPacket calls of one channel overlap or re-enter.</summary>
internal sealed class ReentrancyObservation : InformationalCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-SYNC-5";

    /// <inheritdoc />
    public override string? Observe(CheckContext c)
    {
        if (c.Presentations.Count < 2 || c.Scenario.Threaded) return null;
        var open = 0;
        foreach (var e in c.Events)
        {
            if (e is PresentationBegun && open++ > 0) return "ProcessPacket is re-entered while another call of the same channel runs";
            if (e is PresentationEnded) open--;
        }
        return "ProcessPacket calls of one channel never overlap";
    }
}

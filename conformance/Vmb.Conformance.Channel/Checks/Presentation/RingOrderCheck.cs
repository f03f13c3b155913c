using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-15 (P-13): first presentations follow ring order (only re-presentations after Defer or PENDING may move).</summary>
internal sealed class RingOrderCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-15";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var last = -1;
        TraceEvent? lastEvent = null;
        var seen = new HashSet<int>();
        foreach (var p in c.Presentations.Where(p => p.Packet >= 0))
        {
            if (!seen.Add(p.Packet)) continue;
            if (p.Packet < last) return CheckOutcome.Fail($"packet {p.Packet} was first presented after packet {last} (event #{lastEvent!.Index}), against ring order", p.Index);
            last = p.Packet;
            lastEvent = p;
        }
        return CheckOutcome.PassIf(seen.Count > 1);
    }
}

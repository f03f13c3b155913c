using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Informational;

/// <summary>R-DEF-5 (INFO): whether the handle changes after Defer, and whether Defer at PASSIVE_LEVEL is accepted.</summary>
internal sealed class DeferHandleObservation : InformationalCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DEF-5";

    /// <inheritdoc />
    public override string? Observe(CheckContext c)
    {
        var notes = new List<string>();
        foreach (var d in c.Of<PacketDeferred>().Where(d => d.Packet >= 0))
        {
            var before = c.Presentations.LastOrDefault(p => p.Index < d.Index && p.Packet == d.Packet);
            var after = c.Presentations.FirstOrDefault(p => p.Index > d.Index && p.Packet == d.Packet);
            if (before is null || after is null) continue;
            notes.Add(after.Handle == before.Handle ? "same handle after Defer" : "fresh handle after Defer");
            if (before.Irql == Irql.Passive) notes.Add("Defer at PASSIVE_LEVEL re-presents the packet");
        }
        return notes.Count == 0 ? null : string.Join("; ", notes.Distinct().Order());
    }
}

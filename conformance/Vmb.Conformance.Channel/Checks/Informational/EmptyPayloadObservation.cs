using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Informational;

/// <summary>R-PP-23 (INFO): whether an empty payload is presented.</summary>
internal sealed class EmptyPayloadObservation : InformationalCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-23";

    /// <inheritdoc />
    public override string? Observe(CheckContext c)
    {
        if (!c.LivenessJudgeable) return null;
        var empty = c.WrittenPackets.Where(i => c.Packets[i].IsPresentable && c.Packets[i].Payload.Length == 0).ToList();
        if (empty.Count == 0) return null;
        var presented = empty.Any(i => c.Presentations.Any(p => p.Packet == i));
        return presented ? "packets with an empty payload are presented (BufferLength 0)" : "packets with an empty payload are not presented";
    }
}

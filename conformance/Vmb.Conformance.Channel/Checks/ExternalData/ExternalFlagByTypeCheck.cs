using Vmb.Conformance.Engine;
using Vmb.Conformance.Model;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-2 (P-4): EXTERNAL_DATA is set for GPA-direct (0x9) and clear for in-band (0x6) packets; 0x7 is R-EXT-21.</summary>
internal sealed class ExternalFlagByTypeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-2";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations.Where(p => p.Packet >= 0))
        {
            var step = c.Packets[p.Packet];
            if (step.Kind == PacketKind.TransferPages) continue;
            var want = PacketExpectation.Flags(step, c.Info) & KmclFlags.ProcessPacketExternalData;
            if ((p.Flags & KmclFlags.ProcessPacketExternalData) != want)
                return CheckOutcome.Fail($"packet {p.Packet} ({step.Kind}) presented with EXTERNAL_DATA {((p.Flags & 1) != 0 ? "set" : "clear")}; " +
                    $"expected {(want != 0 ? "set" : "clear")}", p.Index);
        }
        return CheckOutcome.PassIf(c.Presentations.Any(p => p.Packet >= 0 && c.Packets[p.Packet].Kind != PacketKind.TransferPages));
    }
}

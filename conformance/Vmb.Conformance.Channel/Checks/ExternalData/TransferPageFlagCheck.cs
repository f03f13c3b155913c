using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-21 (D3): a transfer-page packet carries EXTERNAL_DATA exactly when TransferPagesAreExternalData is declared.</summary>
internal sealed class TransferPageFlagCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-21";

    /// <inheritdoc />
    /// <remarks>Pipe-mode channels carry no external data (R-EXT-19), so the rule says nothing about them.</remarks>
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        var want = c.Info.Has(ChannelCapabilities.TransferPagesAreExternalData) ? KmclFlags.ProcessPacketExternalData : 0u;
        foreach (var p in c.Presentations.Where(p => p.Packet >= 0 && c.Packets[p.Packet].Kind == PacketKind.TransferPages))
        {
            exercised = true;
            if ((p.Flags & KmclFlags.ProcessPacketExternalData) != want)
                return CheckOutcome.Fail($"transfer-page packet {p.Packet} presented with EXTERNAL_DATA {(want == 0 ? "set" : "clear")} against the declared capability", p.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-7 (D2, raw profile): BufferLength = (len8 − offset8) × 8, the padded payload, no header byte.</summary>
internal sealed class RawPaddedLengthCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-7";

    /// <inheritdoc />
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations.Where(p => p.Packet >= 0))
        {
            var payload = c.Packets[p.Packet].Payload.Length;
            var padded = (uint)Spec.Wire.WireConstants.AlignUp(payload);
            if (p.Length != padded)
                return CheckOutcome.Fail($"packet {p.Packet}: BufferLength {p.Length}, the padded payload is {padded} B ({payload} B written)", p.Index);
        }
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

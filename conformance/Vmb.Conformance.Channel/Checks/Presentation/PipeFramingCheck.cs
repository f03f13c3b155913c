using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-24 (D1, D2, pipe profile): Buffer starts after the pipe header and BufferLength is its data size exactly.</summary>
internal sealed class PipeFramingCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-24";

    /// <inheritdoc />
    public override FramingProfile? Profile => FramingProfile.Pipe;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations.Where(p => p.Packet >= 0))
        {
            var size = (uint)c.Packets[p.Packet].Payload.Length;
            if (p.Length != size)
                return CheckOutcome.Fail($"packet {p.Packet}: BufferLength {p.Length}, the pipe header's data size is {size}", p.Index);
        }
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

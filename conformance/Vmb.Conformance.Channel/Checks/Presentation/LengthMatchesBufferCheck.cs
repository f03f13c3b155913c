using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-6: BufferLength is the byte count of Buffer.</summary>
internal sealed class LengthMatchesBufferCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-6";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations)
            if (p.Length != (p.Buffer?.Length ?? 0))
                return CheckOutcome.Fail($"BufferLength {p.Length} but Buffer has {p.Buffer?.Length ?? 0} bytes", p.Index);
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

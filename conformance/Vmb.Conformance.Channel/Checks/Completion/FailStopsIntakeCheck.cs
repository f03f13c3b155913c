using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-FAIL-2 (P-12): after Fail no packet is presented on the channel.</summary>
internal sealed class FailStopsIntakeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-FAIL-2";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var fail = c.Of<PacketFailed>().FirstOrDefault();
        if (fail is null) return CheckOutcome.NotExercised;
        var after = c.Presentations.FirstOrDefault(p => p.Index > fail.Index);
        return after is null ? CheckOutcome.Pass : CheckOutcome.Fail($"packet {after.Packet} was presented after packet {fail.Packet} failed", after.Index);
    }
}

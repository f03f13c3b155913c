using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-DESC-7: every packet the implementation writes ends with the trailer holding its start offset.</summary>
internal sealed class DescriptorTrailerCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-7";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var o in c.OutgoingPackets)
        {
            exercised = true;
            if (!o.TrailerOk) return CheckOutcome.Fail($"completion at ring offset {o.RingOffset} has a trailer that does not hold its start offset", o.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-DESC-8: the implementation, as a writer, sets no descriptor flag other than bit 0.</summary>
internal sealed class CompletionFlagBitsCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-8";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var o in c.OutgoingPackets)
        {
            exercised = true;
            if ((o.DescriptorFlags & ~(uint)Spec.Wire.WireConstants.DefinedDescriptorFlags) != 0) return CheckOutcome.Fail($"outgoing packet has flags 0x{o.DescriptorFlags:X}", o.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

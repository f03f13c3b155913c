using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>R-CMP-1: a completion has type 0xB, flags 0, offset8 2 and the request's transaction id unchanged.</summary>
internal sealed class CompletionHeaderCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMP-1";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        var ids = c.Packets.Select(p => p.TransactionId).ToHashSet();
        foreach (var o in c.OutgoingPackets)
        {
            exercised = true;
            if (ReplyHeader.WrongType(o) is { } type) return CheckOutcome.Fail(type, o.Index);
            if (o.DescriptorFlags != 0) return CheckOutcome.Fail($"completion for tid {o.TransactionId} has descriptor flags 0x{o.DescriptorFlags:X}", o.Index);
            if (ReplyHeader.WrongOffset8(o) is { } offset) return CheckOutcome.Fail(offset, o.Index);
            if (!ids.Contains(o.TransactionId)) return CheckOutcome.Fail($"completion carries transaction id {o.TransactionId}, which no request had", o.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

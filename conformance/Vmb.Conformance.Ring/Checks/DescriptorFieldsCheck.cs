using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-DESC-2: the 16-byte descriptor holds type, flags and transaction id at their offsets, as written.</summary>
internal sealed class DescriptorFieldsCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-DESC-2";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var exercised = false;
        foreach (var p in WrittenPackets.Of(run))
        {
            exercised = true;
            var want = p.Expected.Descriptor;
            var got = p.Found;
            if (got.Type != want.Type || got.Flags != want.Flags || got.TransactionId != want.TransactionId)
                return CheckOutcome.Fail($"descriptor at {p.Step.PeerStart} is type 0x{got.Type:x} flags 0x{got.Flags:x} tid {got.TransactionId}; written as type 0x{want.Type:x} flags 0x{want.Flags:x} tid {want.TransactionId}", p.Step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

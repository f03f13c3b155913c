using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>R-RING-12: a writer creating a ring over a dirty control page leaves W = R = 0, pending_send_size 0 and feature bit 0 set.</summary>
internal sealed class FreshRingCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-RING-12";

    /// <inheritdoc />
    public override RingCapabilities Needs => RingCapabilities.CreatesRings;

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Writer;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        if (run.Scenario.Attach != RingAttach.Fresh) return CheckOutcome.NotExercised;
        var c = run.InitialControl;
        uint w = ControlPage.Read(c, ControlPage.WriteIndexOffset), r = ControlPage.Read(c, ControlPage.ReadIndexOffset);
        uint pss = ControlPage.Read(c, ControlPage.PendingSendSizeOffset), features = ControlPage.Read(c, ControlPage.FeatureBitsOffset);
        return w == 0 && r == 0 && pss == 0 && (features & ControlPage.FeaturePendingSendSize) != 0
            ? CheckOutcome.Pass
            : CheckOutcome.Fail($"after creating the ring: write_index {w}, read_index {r}, pending_send_size {pss}, feature_bits 0x{features:x}; expected 0, 0, 0 and bit 0 set", 0);
    }
}

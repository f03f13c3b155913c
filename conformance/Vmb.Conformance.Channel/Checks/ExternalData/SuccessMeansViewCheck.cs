using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-7: a zero status comes with a valid view.</summary>
internal sealed class SuccessMeansViewCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-7";

    /// <inheritdoc />
    /// <remarks>Pipe-mode channels carry no external data (R-EXT-19), so the rule says nothing about them.</remarks>
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExternalData;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var x in c.Of<ExternalDataRequested>().Where(x => x.Status == NtStatus.Success))
        {
            exercised = true;
            if (!x.ViewReturned) return CheckOutcome.Fail($"GetExternalData on packet {x.Packet} returned STATUS_SUCCESS without a view", x.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-1 (P-4): a flagged packet's external data can be fetched: GetExternalData answers success or PENDING, never an error.</summary>
internal sealed class FlaggedMeansRetrievableCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-1";

    /// <inheritdoc />
    /// <remarks>Pipe-mode channels carry no external data (R-EXT-19), so the rule says nothing about them.</remarks>
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExternalData;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var x in c.Of<ExternalDataRequested>().Where(x => x.Packet >= 0))
        {
            var presentation = c.Presentations.LastOrDefault(p => p.Index < x.Index && p.Handle == x.Handle);
            if (presentation is null || (presentation.Flags & KmclFlags.ProcessPacketExternalData) == 0) continue;
            exercised = true;
            if (x.Status != NtStatus.Success && x.Status != NtStatus.Pending)
                return CheckOutcome.Fail($"GetExternalData on flagged packet {x.Packet} returned {NtStatus.Name(x.Status)}", x.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

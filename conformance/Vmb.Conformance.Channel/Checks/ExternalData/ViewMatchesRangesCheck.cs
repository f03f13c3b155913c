using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-16 (P-4): the view covers exactly the listed ranges, in order: total length and bytes.</summary>
internal sealed class ViewMatchesRangesCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-16";

    /// <inheritdoc />
    /// <remarks>Pipe-mode channels carry no external data (R-EXT-19), so the rule says nothing about them.</remarks>
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExternalData;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var x in c.Of<ExternalDataRequested>().Where(x => x.Status == NtStatus.Success && x.ViewReturned && x.Packet >= 0))
        {
            var step = c.Packets[x.Packet];
            var total = step.Ranges.Sum(r => (long)r.ByteCount);
            exercised = true;
            if (x.ViewLength != total) return CheckOutcome.Fail($"packet {x.Packet}: view length {x.ViewLength}, the listed ranges hold {total} B", x.Index);
            if (x.ViewBytes is { } seen && x.GuestBytes is { } want && !seen.AsSpan().SequenceEqual(want))
            {
                var at = seen.AsSpan().CommonPrefixLength(want);
                return CheckOutcome.Fail($"packet {x.Packet}: view byte {at} is 0x{seen[at]:X2}, guest memory holds 0x{want[at]:X2} there", x.Index);
            }
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-6: Flags 0 gives a writable view, READ_ONLY a read-only one.</summary>
internal sealed class ViewAccessModeCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-6";

    /// <inheritdoc />
    /// <remarks>Pipe-mode channels carry no external data (R-EXT-19), so the rule says nothing about them.</remarks>
    public override FramingProfile? Profile => FramingProfile.Raw;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.ExternalData;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var x in c.Of<ExternalDataRequested>().Where(x => x.Status == NtStatus.Success && x.ViewReturned))
        {
            exercised = true;
            var readOnly = x.ViewReadOnly;
            if (readOnly != x.AskedReadOnly)
                return CheckOutcome.Fail($"GetExternalData with flags 0x{(x.AskedReadOnly ? KmclFlags.ExternalDataReadOnly : 0):X} returned a {(readOnly ? "read-only" : "writable")} view", x.Index);
        }
        var write = c.Of<CallThrew>().FirstOrDefault(e => e.Call == Subject.ViewWrite);
        if (write is not null) return CheckOutcome.Fail($"writing through a writable view failed: {write.Message}", write.Index);
        return CheckOutcome.PassIf(exercised);
    }
}

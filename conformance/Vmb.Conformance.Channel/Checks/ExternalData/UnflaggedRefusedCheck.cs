using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-5 (D4): on a packet without EXTERNAL_DATA, GetExternalData returns an error status and no view.</summary>
internal sealed class UnflaggedRefusedCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-5";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var x in c.Of<ExternalDataRequested>())
        {
            var presentation = c.Presentations.LastOrDefault(p => p.Index < x.Index && p.Handle == x.Handle);
            if (presentation is null || (presentation.Flags & KmclFlags.ProcessPacketExternalData) != 0) continue;
            exercised = true;
            if (NtStatus.IsSuccess(x.Status) || x.ViewReturned)
                return CheckOutcome.Fail($"GetExternalData on unflagged packet {x.Packet} returned {NtStatus.Name(x.Status)}{(x.ViewReturned ? " with a view" : "")}", x.Index);
        }
        var threw = c.Of<CallThrew>().FirstOrDefault(t => t.Call == Subject.GetExternalData);
        if (threw is not null) return CheckOutcome.Fail($"GetExternalData threw instead of returning an error: {threw.Message}", threw.Index);
        return CheckOutcome.PassIf(exercised);
    }
}

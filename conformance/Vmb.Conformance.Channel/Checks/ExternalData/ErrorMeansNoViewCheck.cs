using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>R-EXT-11: a GetExternalData error status (neither success nor PENDING) comes with no view.</summary>
internal sealed class ErrorMeansNoViewCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-11";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var errors = c.Of<ExternalDataRequested>().Where(x => !NtStatus.IsSuccess(x.Status)).ToList();
        foreach (var x in errors)
            if (x.ViewReturned) return CheckOutcome.Fail($"GetExternalData returned {NtStatus.Name(x.Status)} together with a view", x.Index);
        return CheckOutcome.PassIf(errors.Count > 0);
    }
}

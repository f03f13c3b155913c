using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Informational;

/// <summary>R-EXT-20 (INFO): what storing through a read-only view does (seen in R-MIS-6 probes).</summary>
internal sealed class ReadOnlyWriteObservation : InformationalCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-EXT-20";

    /// <inheritdoc />
    public override bool JudgesMisuseProbes => true;

    /// <inheritdoc />
    public override string? Observe(CheckContext c)
    {
        var probe = c.Of<MisuseProbed>().FirstOrDefault(p => p.Rule == "R-MIS-6");
        if (probe is null) return null;
        var threw = c.Events.Skip(probe.Index + 1).OfType<CallThrew>().FirstOrDefault(e => e.Call == Subject.ViewWriteReadOnly);
        return threw is null ? "a store through a read-only view is accepted silently" : $"a store through a read-only view is refused ({threw.Rule ?? "exception"})";
    }
}

using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Informational;

/// <summary>R-FAIL-5 (INFO): whether a failed packet that asked for a reply produces one.</summary>
internal sealed class FailReplyObservation : InformationalCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-FAIL-5";

    /// <inheritdoc />
    public override string? Observe(CheckContext c)
    {
        if (!c.Finished) return null;
        var failed = c.Of<PacketFailed>().Where(f => f.Packet >= 0 && c.Packets[f.Packet].CompletionRequested)
            .Where(f => c.Packets.Count(p => p.TransactionId == c.Packets[f.Packet].TransactionId) == 1).ToList();
        if (failed.Count == 0) return null;
        var replied = failed.Count(f => c.OutgoingPackets.Any(o => o.TransactionId == c.Packets[f.Packet].TransactionId));
        return replied == 0 ? "a failed packet produces no completion packet" : "a failed packet produces a completion packet";
    }
}

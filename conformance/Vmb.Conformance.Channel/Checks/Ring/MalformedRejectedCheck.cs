using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Ring;

/// <summary>
/// R-MAL-3, -4, -6, -7, -8 seen through a channel: a packet broken in exactly that way is rejected — never
/// presented, and intake stops with the reason reported (D10). One instance per rule.
/// </summary>
internal sealed class MalformedRejectedCheck : RequirementCheck
{
    private readonly string _id;
    private readonly Malformation _malformation;

    /// <summary>A check for <paramref name="requirementId"/>, provoked by <paramref name="malformation"/>.</summary>
    public MalformedRejectedCheck(string requirementId, Malformation malformation)
    {
        _id = requirementId;
        _malformation = malformation;
    }

    /// <summary>The five reader rules a generated malformed packet provokes.</summary>
    public static IEnumerable<MalformedRejectedCheck> All() =>
    [
        new("R-MAL-3", Malformation.Offset8BelowMinimum), new("R-MAL-4", Malformation.Len8BelowOffset8),
        new("R-MAL-6", Malformation.UndefinedFlagBits), new("R-MAL-7", Malformation.UnknownType), new("R-MAL-8", Malformation.GpaWithoutRanges),
    ];

    /// <inheritdoc />
    public override string RequirementId => _id;

    /// <inheritdoc />
    /// <remarks>Pipe channels carry in-band packets only, so a GPA-direct malformation (R-MAL-8) is provoked in raw only.</remarks>
    public override FramingProfile? Profile => _malformation == Malformation.GpaWithoutRanges ? FramingProfile.Raw : null;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var bad = c.Of<PacketWritten>().FirstOrDefault(e => c.Packets[e.Packet] is { Kind: PacketKind.Malformed } p && p.Malformation == _malformation);
        if (bad is null || !c.Finished || c.Of<PacketFailed>().Any() || c.Scenario.Steps.Any(s => s is PeerCloseStep) || c.Scenario.Options.OpenedFails) return CheckOutcome.NotExercised;
        if (c.Of<IntakeStopped>().Any(e => e.Index < bad.Index)) return CheckOutcome.NotExercised;
        var shown = c.Presentations.FirstOrDefault(p => p.Packet == bad.Packet);
        if (shown is not null) return CheckOutcome.Fail($"the {_malformation} packet was presented", shown.Index);
        if (!c.Of<IntakeStopped>().Any(e => e.Index > bad.Index))
            return CheckOutcome.Missing($"the {_malformation} packet was not rejected: intake did not stop", bad.Index);
        return CheckOutcome.Pass;
    }
}

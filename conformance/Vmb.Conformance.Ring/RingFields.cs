using Vmb.Conformance.Fields;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// The ring level's per-field coverage: the range class of every generated wire field, from the scenario alone (D27).
/// Counts and lengths are classed against the most the scenario's ring holds.
/// </summary>
internal static class RingFields
{
    private const string StartIndex = "start index";

    /// <summary>The classes a default ring run must produce.</summary>
    public static IReadOnlyList<FieldClass> Required { get; } =
    [
        .. FieldClass.Reachable(FieldNames.TransactionId, 0, ulong.MaxValue),
        .. FieldClass.Reachable(FieldNames.TransferRanges, 0, 505),
        .. FieldClass.Reachable(FieldNames.GpaRanges, 1, 253),
        .. FieldClass.Reachable(FieldNames.Payload, 0, 4096),
        .. new[] { RangeClasses.Zero, RangeClasses.PowerOfTwo, RangeClasses.Max, RangeClasses.Other }.Select(c => new FieldClass(StartIndex, c)),
    ];

    /// <summary>Every field class <paramref name="s"/> holds.</summary>
    public static IEnumerable<FieldClass> Classes(RingScenario s)
    {
        var classes = new List<FieldClass>();
        void Add(string field, ulong value, ulong max) => classes.AddRange(FieldClass.Of(field, value, max));
        Add(StartIndex, (ulong)s.EffectiveStart, (ulong)(s.DataSize - WireConstants.Alignment));
        foreach (var op in s.Ops.Where(o => o.Kind == RingOpKind.Write))
        {
            Add(FieldNames.TransactionId, op.Tid, ulong.MaxValue);
            if (op.Type is PacketType.TransferPages or PacketType.GpaDirect)
                Add(op.Type == PacketType.GpaDirect ? FieldNames.GpaRanges : FieldNames.TransferRanges, (ulong)op.Ranges, (ulong)RingPacketBytes.MaxRanges(op.Type, s.DataSize));
            if (op.Slack is null) Add(FieldNames.Payload, (ulong)op.Payload, (ulong)Math.Max(0, RingPacketBytes.MaxPayload(op.Type, op.Ranges, s.DataSize)));
        }
        return classes;
    }
}

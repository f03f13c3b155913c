using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Fields;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// FsCheck generators for ring scenarios. Sizes, offsets and counts use explicit ranges (FsCheck's default
/// integers stay near ±100): data areas of 1–16 pages, start indices favouring the last 512 bytes so packets
/// straddle the wrap point, payloads from 0 to the ring maximum with both edges favoured, transaction ids over the
/// whole u64 and range counts up to the most a packet in the ring holds (edges favoured, see <see cref="RingFields"/>).
/// </summary>
internal static class RingGenerators
{
    /// <summary>Scenarios for either role.</summary>
    public static Gen<RingScenario> Scenario() =>
        from role in Gen.Elements(RingRole.Writer, RingRole.Reader)
        from scenario in Scenario(role)
        select scenario;

    /// <summary>Scenarios for one role.</summary>
    public static Gen<RingScenario> Scenario(RingRole role) =>
        from pages in Gen.Frequency((5, Gen.Choose(1, 2)), (3, Gen.Choose(3, 8)), (1, Gen.Choose(9, 16)))
        let size = pages * WireConstants.PageSize
        from startUnit in Gen.Frequency((4, Gen.Choose(size / 8 - 64, size / 8 - 1)), (3, Gen.Choose(0, size / 8 - 1)), (1, Gen.Constant(0)), (1, Gen.Elements(size / 8 - 1, size / 16)))
        from count in Gen.Sized(OpCount)
        from ops in Gen.ArrayOf(Op(role, size), count)
        from tids in Gen.ArrayOf(Tid(), count)
        from masked in role == RingRole.Reader ? Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))) : Gen.Constant(false)
        from attach in Gen.Frequency((40, Gen.Constant(RingAttach.Existing)), (role == RingRole.Writer ? 2 : 0, Gen.Constant(RingAttach.Fresh)), (2, Gen.Constant(RingAttach.CorruptIndex)))
        select new RingScenario(role, size, startUnit * 8, attach == RingAttach.CorruptIndex ? [] : ops.Select((o, i) => Fit(o with { Tid = o.Kind == RingOpKind.Write ? tids[i] : 0 }, size)).ToArray())
            { Attach = attach, InitiallyMasked = masked };

    // A transaction id over the whole u64, its edges (0, 1, max, both sides of 2^16 and 2^32) favoured.
    private static Gen<ulong> Tid() =>
        Gen.Frequency(
            (4, Gen.Elements(RangeEdges.Of(0, ulong.MaxValue).ToArray())), (1, Gen.Choose(1, 63).Select(k => 1UL << k)),
            (3, Gen.Choose(1, 1_000_000).Select(v => (ulong)v)),
            (2, from hi in Gen.Choose(0, int.MaxValue) from lo in Gen.Choose(0, int.MaxValue) select ((ulong)(uint)hi << 33) ^ (uint)lo));

    // Mostly zero to three ranges; now and then the most a packet in this ring holds, or one fewer.
    private static Gen<int> RangeCount(PacketType type, int size)
    {
        var least = type == PacketType.GpaDirect ? 1 : 0;
        var most = RingPacketBytes.MaxRanges(type, size);
        return Gen.Frequency((92, Gen.Choose(least, 3)), (3, Gen.Constant(most)), (2, Gen.Constant(most - 1)), (3, Gen.Choose(least, most)));
    }

    // At the middle size a scenario has up to 28 operations; the size stretches that from 2 to 56 (D27).
    private static Gen<int> OpCount(int size)
    {
        var most = Math.Max(2, 28 * size / 50);
        return Gen.Frequency((3, Gen.Choose(1, Math.Min(8, most))), (5, Gen.Choose(Math.Min(9, most), most)));
    }

    private static Gen<RingOp> Op(RingRole role, int size) => role == RingRole.Writer
        ? Gen.Frequency(
            (8, Write(size, Gen.Constant(RingFault.None))),
            (4, Gen.Constant(new RingOp { Kind = RingOpKind.Commit })),
            (5, Gen.Constant(new RingOp { Kind = RingOpKind.Read })),
            (1, Gen.Constant(new RingOp { Kind = RingOpKind.Revert })),
            (1, Gen.Constant(new RingOp { Kind = RingOpKind.Mask })),
            (1, Gen.Constant(new RingOp { Kind = RingOpKind.Unmask })),
            (1, Gen.Constant(new RingOp { Kind = RingOpKind.CorruptReadIndex })))
        : Gen.Frequency(
            (6, Write(size, Fault())),
            (6, Read()),
            (4, Gen.Constant(new RingOp { Kind = RingOpKind.Commit })),
            (1, Gen.Constant(new RingOp { Kind = RingOpKind.Revert })),
            (1, Gen.Constant(new RingOp { Kind = RingOpKind.Mask })),
            (1, Gen.Constant(new RingOp { Kind = RingOpKind.Unmask })),
            (2, Gen.Frequency((2, Gen.Choose(1, size / 8 - 1).Select(u => (uint)u * 8)), (1, Gen.Constant((uint)size - 1)), (1, Gen.Constant(0u)))
                .Select(p => new RingOp { Kind = RingOpKind.SetPending, Pending = p })),
            (1, Gen.Choose(0, size / 8 - 1).Select(u => new RingOp { Kind = RingOpKind.ClobberReadIndex, Pending = (uint)u * 8 })));

    private static Gen<RingOp> Write(int size, Gen<RingFault> fault) =>
        from type in Gen.Frequency((4, Gen.Constant(PacketType.InBand)), (2, Gen.Constant(PacketType.TransferPages)), (2, Gen.Constant(PacketType.GpaDirect)), (1, Gen.Constant(PacketType.Completion)))
        from ranges in type is PacketType.TransferPages or PacketType.GpaDirect ? RangeCount(type, size) : Gen.Constant(0)
        let max = RingPacketBytes.MaxPayload(type, ranges, size)
        from payload in Gen.Frequency(
            (3, Gen.Choose(0, 16)), (3, Gen.Choose(0, Math.Min(600, max))), (2, Gen.Choose(Math.Max(0, max - 64), max)),
            (1, Gen.Constant(max)), (1, Gen.Choose(0, max)))
        from completion in Gen.Elements(false, true)
        from f in fault
        from slack in Gen.Frequency((12, Gen.Constant((int?)null)), (1, Gen.Constant((int?)0)), (1, Gen.Constant((int?)1)), (1, Gen.Choose(2, 8).Select(k => (int?)k)))
        let sized = f == RingFault.None ? slack : null
        select new RingOp { Kind = RingOpKind.Write, Type = type, Ranges = ranges, Payload = sized is null ? payload : 0, Completion = completion, Fault = f, Slack = sized };

    private static Gen<RingFault> Fault() =>
        Gen.Frequency(
            (60, Gen.Constant(RingFault.None)),
            (2, Gen.Constant(RingFault.CorruptWriteIndex)), (2, Gen.Constant(RingFault.Truncated)),
            (2, Gen.Constant(RingFault.Offset8BelowTwo)), (2, Gen.Constant(RingFault.Len8BelowOffset8)),
            (2, Gen.Constant(RingFault.MissingTrailer)), (2, Gen.Constant(RingFault.UndefinedFlag)),
            (2, Gen.Constant(RingFault.UnknownType)), (2, Gen.Constant(RingFault.RangeTypeShortOffset)),
            (2, Gen.Constant(RingFault.GpaWithoutRanges)), (4, Gen.Constant(RingFault.GarbagePadding)),
            (4, Gen.Constant(RingFault.WrongTrailer)));

    private static Gen<RingOp> Read() =>
        Gen.Frequency(
            (6, Gen.Constant(0)), (1, Gen.Choose(1, 64)), (1, Gen.Choose(1, 700)))
            .Select(d => new RingOp { Kind = RingOpKind.Read, Destination = d });

    /// <summary>
    /// Makes an op consistent with its fault and the ring: a fault that needs a type or a payload gets it, and the
    /// payload never exceeds what the ring can hold. Generators and the shrinker both pass through here.
    /// </summary>
    public static RingOp Fit(RingOp op, int size)
    {
        if (op.Kind != RingOpKind.Write) return op;
        op = op.Fault switch
        {
            RingFault.RangeTypeShortOffset => op with { Type = PacketType.TransferPages },
            RingFault.GpaWithoutRanges => op with { Type = PacketType.GpaDirect, Ranges = Math.Max(1, op.Ranges) },
            RingFault.MissingTrailer or RingFault.GarbagePadding => op with { Payload = op.Payload % 8 == 0 ? op.Payload + 1 : op.Payload },
            _ => op,
        };
        op = op.Type switch
        {
            PacketType.GpaDirect => op with { Ranges = Math.Clamp(op.Ranges, 1, RingPacketBytes.MaxRanges(op.Type, size)) },
            PacketType.TransferPages => op with { Ranges = Math.Clamp(op.Ranges, 0, RingPacketBytes.MaxRanges(op.Type, size)) },
            _ => op with { Ranges = 0 },
        };
        // A fault that spoils the padding needs a payload that is not a multiple of 8: the ranges leave room for one.
        var padded = op.Fault is RingFault.MissingTrailer or RingFault.GarbagePadding;
        while (padded && op.Ranges > (op.Type == PacketType.GpaDirect ? 1 : 0) && RingPacketBytes.MaxPayload(op.Type, op.Ranges, size) < 8)
            op = op with { Ranges = op.Ranges - 1 };
        var max = RingPacketBytes.MaxPayload(op.Type, op.Ranges, size);
        if (op.Payload > max) op = op with { Payload = op.Fault is RingFault.MissingTrailer or RingFault.GarbagePadding ? max - 7 : max };
        return op;
    }

    /// <summary>An FsCheck arbitrary: the generator with <see cref="RingShrinker"/>.</summary>
    public static Arbitrary<RingScenario> Arbitrary() => Arb.From(Scenario(), RingShrinker.Shrink);
}

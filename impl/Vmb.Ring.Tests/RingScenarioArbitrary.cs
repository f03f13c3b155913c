using FsCheck;
using FsCheck.Fluent;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>Generators and shrinkers for ring scenarios; every size, offset and count has an explicit range.</summary>
public static class RingScenarioArbitrary
{
    public static Arbitrary<RingScenario> Scenario() => Arb.From(ScenarioGen(), Shrink);

    public static Gen<RingScenario> ScenarioGen() =>
        from pages in Gen.Choose(1, 16)
        let dataSize = pages * WireConstants.PageSize
        from slot in Gen.Choose(0, dataSize / WireConstants.Alignment - 1)
        from count in Gen.Choose(1, 40)
        from ops in OpGen(dataSize).ArrayOf(count)
        select new RingScenario(dataSize, slot * WireConstants.Alignment, ops);

    private static Gen<RingOp> OpGen(int dataSize) => Gen.Frequency(
        (6, from n in Gen.Choose(1, 4) from packets in PacketGen(dataSize).ArrayOf(n) select (RingOp)new WriteBatch(packets)),
        (4, Gen.Choose(1, 5).Select(n => (RingOp)new ReadBatch(n))),
        (1, Gen.Elements(true, false).Select(m => (RingOp)new SetMask(m))));

    public static Gen<PacketSpec> PacketGen(int dataSize) =>
        from type in Gen.Elements(PacketType.InBand, PacketType.TransferPages, PacketType.GpaDirect, PacketType.Completion)
        from flags in type == PacketType.Completion ? Gen.Constant((ushort)0) : Gen.Elements((ushort)0, (ushort)1)
        from id in Gen.Choose(1, int.MaxValue).Select(i => (ulong)i << 16 | 0x5A5A)
        from transfer in type == PacketType.TransferPages ? TransferRangesGen() : Gen.Constant(Array.Empty<TransferPageRange>())
        from gpa in type == PacketType.GpaDirect ? GpaRangesGen() : Gen.Constant(Array.Empty<GpaRange>())
        from payload in Gen.Frequency(
            (6, Gen.Choose(0, 256)),
            (3, Gen.Choose(0, 4096)),
            (1, Gen.Choose(0, WireConstants.MaxTotalForRing(dataSize))))
        from fill in Gen.Choose(0, 255)
        select new PacketSpec(type, flags, id, transfer, gpa, payload, (byte)fill);

    private static Gen<TransferPageRange[]> TransferRangesGen() =>
        from n in Gen.Choose(0, 4)
        from ranges in (from count in Gen.Choose(1, 65536) from offset in Gen.Choose(0, 1 << 20)
                        select new TransferPageRange((uint)count, (uint)offset)).ArrayOf(n)
        select ranges;

    private static Gen<GpaRange[]> GpaRangesGen() =>
        from n in Gen.Choose(1, 3)
        from ranges in (from offset in Gen.Choose(0, WireConstants.PageSize - 1)
                        from count in Gen.Choose(1, 20000)
                        from firstPage in Gen.Choose(0, 1 << 24)
                        select new GpaRange((uint)count, (uint)offset,
                            Enumerable.Range(firstPage, GpaRange.PagesFor((uint)offset, (uint)count)).Select(p => (ulong)p).ToArray())).ArrayOf(n)
        select ranges;

    /// <summary>Fewer steps first, then a smaller ring, start 0, fewer and smaller packets.</summary>
    public static IEnumerable<RingScenario> Shrink(RingScenario s)
    {
        if (s.Ops.Length > 1) yield return s with { Ops = s.Ops[..(s.Ops.Length / 2)] };
        for (var i = 0; i < s.Ops.Length; i++) yield return s with { Ops = [.. s.Ops[..i], .. s.Ops[(i + 1)..]] };
        if (s.DataSize > WireConstants.PageSize)
        {
            var smaller = s.DataSize / 2 / WireConstants.PageSize * WireConstants.PageSize;
            yield return s with { DataSize = smaller, Start = s.Start % smaller };
        }
        if (s.Start != 0) yield return s with { Start = 0 };
        for (var i = 0; i < s.Ops.Length; i++)
        {
            if (s.Ops[i] is not WriteBatch batch) continue;
            foreach (var smaller in ShrinkBatch(batch))
            {
                var ops = (RingOp[])s.Ops.Clone();
                ops[i] = smaller;
                yield return s with { Ops = ops };
            }
        }
    }

    private static IEnumerable<WriteBatch> ShrinkBatch(WriteBatch batch)
    {
        if (batch.Packets.Length > 1)
            for (var i = 0; i < batch.Packets.Length; i++)
                yield return new WriteBatch([.. batch.Packets[..i], .. batch.Packets[(i + 1)..]]);
        for (var i = 0; i < batch.Packets.Length; i++)
        {
            var p = batch.Packets[i];
            if (p.PayloadLength == 0) continue;
            foreach (var length in new[] { 0, p.PayloadLength / 2 })
            {
                var packets = (PacketSpec[])batch.Packets.Clone();
                packets[i] = p with { PayloadLength = length };
                yield return new WriteBatch(packets);
            }
        }
    }
}

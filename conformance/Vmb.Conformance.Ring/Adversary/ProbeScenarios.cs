using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// Adversarial-memory probes (D15): reader-role scenarios whose one round — the peer publishes a packet in two
/// versions, the reader reads twice (the whole packet, or the split one's two packets) and commits — runs many times
/// while the mutator switches the versions. Which scenarios are probes depends on the scenario index alone (D27), so a
/// seed means the same scenarios for every implementation.
/// </summary>
internal static class ProbeScenarios
{
    /// <summary>One scenario in this many is a probe (an odd index, so a reader-role one).</summary>
    public const int Period = 50;

    /// <summary>The most rounds per probe.</summary>
    public const int Rounds = 48;

    /// <summary>A probe ends after the round in which this many reads raced the mutator.</summary>
    public const int RacedReads = 12;

    /// <summary>Switched packets published per round; the reader reads each (whole, or split and filler) while they move.</summary>
    public const int PacketsPerRound = 1;

    /// <summary>The index of a run's first probe; probes follow every <see cref="Period"/> scenarios (odd, so a reader's index).</summary>
    public const int Offset = Period - 3;

    /// <summary>True when scenario <paramref name="seed"/> of a run is a probe.</summary>
    public static bool Chosen(ScenarioSeed seed) => seed.Index % Period == Offset;

    /// <summary>A probe whose mutator is seeded with <paramref name="mutatorSeed"/>: per round, a switched packet, two reads and a commit.</summary>
    public static Gen<RingScenario> Scenario(ulong mutatorSeed) =>
        from pages in Gen.Choose(1, 2)
        let size = pages * WireConstants.PageSize
        from startUnit in Gen.Frequency((3, Gen.Choose(size / 8 - 64, size / 8 - 1)), (1, Gen.Choose(0, size / 8 - 1)))
        from writes in Gen.ArrayOf(Switched(), PacketsPerRound)
        let reads = Enumerable.Repeat(new RingOp { Kind = RingOpKind.Read }, 2 * PacketsPerRound)
        select new RingScenario(RingRole.Reader, size, startUnit * 8,
            [.. writes.Select((w, i) => w with { Tid = 0x5EED0 + (ulong)i }), .. reads, new RingOp { Kind = RingOpKind.Commit }])
            { Mutator = new RingMutator(mutatorSeed, Rounds, RacedReads) };

    // A write of any data type with its split: at least 24 payload bytes leave room for the split's trailer and filler,
    // at most 400 keep len8 below 256.
    private static Gen<RingOp> Switched() =>
        from type in Gen.Elements(PacketType.InBand, PacketType.TransferPages, PacketType.GpaDirect)
        from ranges in type switch { PacketType.TransferPages => Gen.Choose(0, 3), PacketType.GpaDirect => Gen.Choose(1, 3), _ => Gen.Constant(0) }
        from payload in Gen.Choose(24, 400)
        from completion in Gen.Elements(false, true)
        let write = new RingOp { Kind = RingOpKind.Write, Type = type, Ranges = ranges, Payload = payload, Completion = completion }
        let whole = RingPacketBytes.Descriptor(write)
        from split in Gen.Choose(whole.Offset8, whole.Len8 - 3)
        select write with { Split = split };
}

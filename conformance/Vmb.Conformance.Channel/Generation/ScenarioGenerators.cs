using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Generation;

/// <summary>
/// FsCheck generators for scenarios. Sizes, offsets and counts use explicit ranges (FsCheck's default integers
/// stay small); edge sizes are favoured. The scenario fits the implementation's declared profile and
/// capabilities, so absent features are never exercised (their rules are not applicable instead).
/// </summary>
internal static class ScenarioGenerators
{
    /// <summary>Scenarios with shrinking (see <see cref="ScenarioShrinker"/>).</summary>
    public static Arbitrary<Scenario> Arbitrary(ImplementationInfo info, GeneratorSettings settings) =>
        Arb.From(Scenario(info, settings), s => ScenarioShrinker.Shrink(s, info));

    /// <summary>The scenario generator.</summary>
    /// <remarks>
    /// Every generator a draw does not shape is built here, once, rather than inside the query's lambdas, where it would be
    /// built anew for every scenario; the draws, and so the stream, are the same (see <see cref="BuiltOnce{TKey,TValue}"/>).
    /// </remarks>
    public static Gen<Scenario> Scenario(ImplementationInfo info, GeneratorSettings settings)
    {
        var scenarioOptions = Options(info);
        var counts = new BuiltOnce<int, Gen<int>>(size => PacketCount(settings, size));
        var packetCount = Gen.Sized(size => counts[size]);
        var transactionId = settings.DuplicateTransactionIds ? SmallIds : FullWidth.Value(1, ulong.MaxValue);
        return from incomingSize in IncomingSizes
               from incomingStart in Offset(incomingSize)
               from outgoingSize in OutgoingSizes
               from outgoingStart in Offset(outgoingSize)
               from options in scenarioOptions
               from count in packetCount
               from pool in GuestPool.Generated
               from evicted in Evicted(info, pool)
               from packets in Gen.ArrayOf(Packet(info, pool, incomingSize, outgoingSize), count)
               from extras in Gen.ArrayOf(Extras(info, options, evicted), count + 1)
               from ids in Gen.ArrayOf(transactionId, count)
               from probe in Probe(info, settings, packets)
               from peerClose in PeerCloses
               from seed in Seeds
               let unique = UniqueIds(ids)
               select ScenarioRepair.Repair(EvictForPendingProbe(Assemble(
                   new Scenario
                   {
                       IncomingDataSize = incomingSize, IncomingStart = incomingStart, OutgoingDataSize = outgoingSize, OutgoingStart = outgoingStart,
                       Options = options, GuestPages = pool.Pages(evicted), PageSets = pool.PageSets, SchedulerSeed = seed,
                       Threaded = settings.Threaded,
                   },
                   packets.Select((p, i) => p with
                   {
                       TransactionId = settings.DuplicateTransactionIds ? ids[i] : unique[i],
                       Policy = probe.At == i ? probe.Policy : p.Policy,
                   }).ToArray(),
                   extras, peerClose)), info);
    }

    private static readonly Gen<int> IncomingSizes = Gen.Frequency((6, Gen.Constant(4096)), (3, Gen.Constant(8192)), (1, Gen.Constant(16384)));
    private static readonly Gen<int> OutgoingSizes = Gen.Frequency((7, Gen.Constant(4096)), (3, Gen.Constant(8192)));
    private static readonly Gen<ulong> SmallIds = Gen.Choose(0, 3).Select(i => (ulong)i);
    private static readonly Gen<bool> PeerCloses = Gen.Frequency((30, Gen.Constant(false)), (1, Gen.Constant(true)));
    private static readonly Gen<int> Seeds = Gen.Choose(0, int.MaxValue - 1);

    // At the middle size a scenario writes up to MaxPackets packets; the size stretches that from 1 to twice as many (D27).
    // A long scenario (settings.PacketRange) writes a count from its range whatever the size.
    private static Gen<int> PacketCount(GeneratorSettings settings, int size)
    {
        if (settings.PacketRange is { } range) return Gen.Choose(range.Least, range.Most);
        var most = Math.Max(1, settings.MaxPackets * size / 50);
        return Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, Math.Min(4, most))), (4, Gen.Choose(Math.Min(5, most), Math.Max(5, most))));
    }

    /// <summary>An 8-aligned starting offset; half the time close to the end so the first packets wrap.</summary>
    public static Gen<int> Offset(int size) => Offsets[size];

    private static readonly BuiltOnce<int, Gen<int>> Offsets = new(size =>
        Gen.Frequency(
            (2, Gen.Constant(0)), (1, Gen.Elements(size - 8, 8, size / 2)),
            (5, Gen.Choose((size - 512) / 8, size / 8 - 1).Select(u => u * 8)),
            (3, Gen.Choose(0, size / 8 - 1).Select(u => u * 8))));

    private static Gen<ScenarioOptions> Options(ImplementationInfo info)
    {
        var passives = Maybe(info.Has(ChannelCapabilities.PassiveProcessing), 2);
        var quotas = info.Has(ChannelCapabilities.TransactionQuota)
            ? Gen.Frequency((12, Gen.Constant(0u)), (8, Gen.Choose(1, 4).Select(q => (uint)q)), (2, Quota()))
            : Gen.Constant(0u);
        var exes = Maybe(info.Has(ChannelCapabilities.ExCallbacks), 5);
        var processingCompletes = Gen.Frequency((85, Gen.Constant(true)), (15, Gen.Constant(false)));
        var contexts = info.Has(ChannelCapabilities.ClientContext)
            ? Gen.Frequency((12, Gen.Constant(0u)), (8, Gen.Elements(1u, 4u, 8u, 16u, 64u)), (2, FullWidth.UInt(1, MaxClientContext)))
            : Gen.Constant(0u);
        var probes = Maybe(true, 3);
        // The null-callback probe (R-LIFE-3) binds every channel; only its superseded half (R-CTX-2) needs Ex callbacks.
        var registrations = Maybe(true, 2);
        var pausedAtEnables = Maybe(info.Has(ChannelCapabilities.PauseStart), 1);
        var openedFailures = Gen.Frequency((40, Gen.Constant(false)), (1, Gen.Constant(true)));
        return from passive in passives
               from quota in quotas
               from ex in exes
               from pc in processingCompletes
               from context in contexts
               from probe in probes
               from registration in registrations
               from pausedAtEnable in pausedAtEnables
               from openedFails in openedFailures
               select new ScenarioOptions
               {
                   Profile = info.Profile, PassiveProcessing = passive, Quota = quota, ExCallbacks = ex,
                   ProcessingCompleteCallback = pc, ClientContextSize = context, ProbeRegistration = registration, PauseBeforeEnable = pausedAtEnable && !openedFails,
                   OpenedFails = openedFails, ProbeInitAfterEnable = probe && !openedFails,
               };
    }

    /// <summary>The largest per-packet client context generated: every packet carries one, so the u32's top is out of reach.</summary>
    public const uint MaxClientContext = 0x1_0000;

    /// <summary>A quota over its whole u32 width, above zero (R-QUO-1).</summary>
    private static Gen<uint> Quota() => FullWidth.UInt(1, uint.MaxValue);

    // Per-packet draws made distinct (D8): a repeat moves up to the next free value, never to 0.
    private static ulong[] UniqueIds(ulong[] drawn)
    {
        var used = new HashSet<ulong>();
        return drawn.Select(id =>
        {
            while (id == 0 || !used.Add(id)) id++;
            return id;
        }).ToArray();
    }

    private static Gen<bool> Maybe(bool allowed, int tenths) =>
        allowed ? Gen.Frequency((tenths, Gen.Constant(true)), (10 - tenths, Gen.Constant(false))) : Gen.Constant(false);

    private static Gen<ulong[]> Evicted(ImplementationInfo info, GuestPool pool) =>
        !info.Has(ChannelCapabilities.ExternalData) || info.Profile == FramingProfile.Pipe
            ? Gen.Constant(Array.Empty<ulong>())
            : Gen.Frequency(
                (6, Gen.Constant(Array.Empty<ulong>())),
                (4, Gen.ArrayOf(Gen.Elements(pool.GpaPages.Concat(pool.PageSetPages).ToArray()), 2).Select(a => a.Distinct().ToArray())));

    /// <summary>One packet with its client policy (transaction id assigned later).</summary>
    public static Gen<WritePacketStep> Packet(ImplementationInfo info, GuestPool pool, int incomingSize, int outgoingSize)
    {
        var kinds = Kind(info);
        var malformations = Malformation(info);
        var gpaRanges = Ranges(PacketKind.GpaDirect, pool, incomingSize);
        var transferRanges = Ranges(PacketKind.TransferPages, pool, incomingSize);
        var noRanges = Gen.Constant(Array.Empty<ExternalRange>());
        return from kind in kinds
               from malformation in malformations
               from ranges in kind switch { PacketKind.GpaDirect => gpaRanges, PacketKind.TransferPages => transferRanges, _ => noRanges }
               from size in PayloadSize(MaxPayload(kind, ranges, incomingSize, info.Profile))
               from payloadSeed in Seeds
               from requested in CompletionRequests
               from policy in Policy(info, kind, outgoingSize)
               select new WritePacketStep
               {
                   Kind = kind, Malformation = kind == PacketKind.Malformed ? malformation : Scenarios.Malformation.None,
                   Payload = Bytes(size, payloadSeed), CompletionRequested = requested, Ranges = ranges,
                   PageSetId = kind == PacketKind.TransferPages ? pool.PageSetId : (ushort)0, Policy = policy,
               };
    }

    private static readonly Gen<bool> CompletionRequests = Gen.Frequency((6, Gen.Constant(true)), (4, Gen.Constant(false)));

    private static Gen<PacketKind> Kind(ImplementationInfo info) =>
        info.Profile == FramingProfile.Pipe
            ? Gen.Frequency((90, Gen.Constant(PacketKind.InBand)), (4, Gen.Constant(PacketKind.Completion)), (2, Gen.Constant(PacketKind.Cancel)), (3, Gen.Constant(PacketKind.Malformed)))
            : Gen.Frequency(
                (45, Gen.Constant(PacketKind.InBand)), (18, Gen.Constant(PacketKind.GpaDirect)), (14, Gen.Constant(PacketKind.TransferPages)),
                (4, Gen.Constant(PacketKind.Completion)), (2, Gen.Constant(PacketKind.Cancel)), (3, Gen.Constant(PacketKind.Malformed)));

    private static Gen<Malformation> Malformation(ImplementationInfo info) =>
        info.Profile == FramingProfile.Pipe
            ? Gen.Elements(Scenarios.Malformation.Offset8BelowMinimum, Scenarios.Malformation.Len8BelowOffset8, Scenarios.Malformation.UndefinedFlagBits,
                Scenarios.Malformation.UnknownType, Scenarios.Malformation.PipeSizeBeyondPayload)
            : Gen.Elements(Scenarios.Malformation.Offset8BelowMinimum, Scenarios.Malformation.Len8BelowOffset8, Scenarios.Malformation.UndefinedFlagBits,
                Scenarios.Malformation.UnknownType, Scenarios.Malformation.GpaWithoutRanges);

    // Mostly one to three ranges; one packet in 25 many, up to the most the ring holds (then short ones: views stay small).
    private static Gen<ExternalRange[]> Ranges(PacketKind kind, GuestPool pool, int ringSize)
    {
        switch (kind)
        {
            case PacketKind.GpaDirect:
                var (gpa, onePage) = (GpaRange(pool), OnePageGpaRange(pool));
                return RangeCount(PacketLimits.MaxGpaRanges(ringSize)).SelectMany(n => Gen.ArrayOf(n <= 3 ? gpa : onePage, n));
            case PacketKind.TransferPages:
                var (transfer, shortTransfer) = (TransferRange(pool), ShortTransferRange(pool));
                return RangeCount(PacketLimits.MaxTransferRanges(ringSize)).SelectMany(n => Gen.ArrayOf(n <= 3 ? transfer : shortTransfer, n));
            default:
                return Gen.Constant(Array.Empty<ExternalRange>());
        }
    }

    private static Gen<int> RangeCount(int most) => RangeCounts[most];

    private static readonly BuiltOnce<int, Gen<int>> RangeCounts = new(most =>
        Gen.Frequency((96, Gen.Choose(1, 3)), (1, FullWidth.Int(1, most)), (1, Gen.Constant(most)), (1, Gen.Constant(most - 1)), (1, Gen.Choose(4, 32))));

    private static Gen<ExternalRange> GpaRange(GuestPool pool) =>
        from offset in GpaOffsets
        from count in GpaCounts[offset]
        from first in Gen.Choose(0, pool.GpaPages.Length - 1)
        select Gpa(pool, (uint)offset, (uint)count, first);

    private static readonly Gen<int> GpaOffsets =
        Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Choose(1, WireConstants.PageSize - 1)), (3, FullWidth.Int(0, WireConstants.PageSize - 1)));

    private static readonly BuiltOnce<int, Gen<int>> GpaCounts = new(offset =>
        Gen.Frequency((3, Gen.Choose(1, 64)), (5, Gen.Choose(65, 4096)), (2, Gen.Choose(4097, 9000)), (2, FullWidth.Int(1, MaxGpaBytes - offset))));

    // A short range within one page, so a packet can carry the most ranges the ring holds without a huge view.
    private static Gen<ExternalRange> OnePageGpaRange(GuestPool pool) =>
        from offset in FullWidth.Int(0, WireConstants.PageSize - 1)
        from count in Gen.Choose(1, Math.Min(64, WireConstants.PageSize - offset))
        from first in Gen.Choose(0, pool.GpaPages.Length - 1)
        select Gpa(pool, (uint)offset, (uint)count, first);

    // The most bytes one range spans: its pages come from the pool, each at most once.
    private static int MaxGpaBytes => (GuestPool.GpaPageCount - 1) * WireConstants.PageSize;

    private static ExternalRange Gpa(GuestPool pool, uint offset, uint count, int first)
    {
        var pages = Spec.Wire.GpaRange.PagesFor(offset, count);
        return new ExternalRange
        {
            ByteOffset = offset, ByteCount = count,
            Pages = Enumerable.Range(0, pages).Select(i => pool.GpaPages[(first + i) % pool.GpaPages.Length]).ToArray(),
        };
    }

    private static Gen<ExternalRange> TransferRange(GuestPool pool) => TransferRanges[pool.PageSetBytes];

    // A page set holds 1 to 32 pages, so one generator per size serves every scenario.
    private static readonly BuiltOnce<int, Gen<ExternalRange>> TransferRanges = new(setBytes =>
        from offset in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(1, setBytes - 1)), (3, FullWidth.Int(0, setBytes - 1)))
        from count in Gen.Frequency((6, Gen.Choose(1, Math.Min(6000, setBytes - offset))), (2, Gen.Constant(setBytes - offset)), (2, FullWidth.Int(1, setBytes - offset)),
            (2, Gen.Elements(0xFFFF, 0x1_0000).Select(c => Math.Min(c, setBytes - offset))))
        select new ExternalRange { ByteOffset = (uint)offset, ByteCount = (uint)count });

    private static Gen<ExternalRange> ShortTransferRange(GuestPool pool)
    {
        var setBytes = pool.PageSetBytes;
        return from offset in FullWidth.Int(0, setBytes - 1)
               from count in Gen.Choose(1, Math.Min(64, setBytes - offset))
               select new ExternalRange { ByteOffset = (uint)offset, ByteCount = (uint)count };
    }

    /// <summary>Largest in-band payload a packet of this shape can carry in a ring of <paramref name="ringSize"/> bytes (R-RING-7).</summary>
    public static int MaxPayload(PacketKind kind, ExternalRange[] ranges, int ringSize, FramingProfile profile)
    {
        var header = kind switch
        {
            PacketKind.GpaDirect => RangeHeaders.GpaDirectHeaderBytes(ranges.Select(r => new Spec.Wire.GpaRange(r.ByteCount, r.ByteOffset, r.Pages)).ToArray()),
            PacketKind.TransferPages => RangeHeaders.TransferPageHeaderBytes(ranges.Length),
            PacketKind.Malformed => WireConstants.RangeTypeHeaderSize,
            _ => 0,
        };
        var pipe = profile == FramingProfile.Pipe && kind is PacketKind.InBand or PacketKind.Malformed ? WireConstants.PipeHeaderSize : 0;
        var max = WireConstants.MaxTotalForRing(ringSize) - WireConstants.TrailerSize - WireConstants.DescriptorSize - header - pipe;
        if (kind == PacketKind.Cancel) return 0;
        return profile == FramingProfile.Pipe && pipe > 0 ? Math.Min(max, WireConstants.PipeMaxPayload) : max;
    }

    /// <summary>Payload sizes from 0 to <paramref name="max"/>, edge sizes (0, 1, 7, 8, 9, max−1, max) favoured.</summary>
    public static Gen<int> PayloadSize(int max) => PayloadSizes[max];

    private static readonly BuiltOnce<int, Gen<int>> PayloadSizes = new(max => max <= 0 ? Gen.Constant(0) :
        Gen.Frequency(
            (8, Gen.Constant(0)), (5, Gen.Constant(Math.Min(1, max))), (4, Gen.Constant(Math.Min(7, max))), (4, Gen.Constant(Math.Min(8, max))),
            (4, Gen.Constant(Math.Min(9, max))), (24, Gen.Choose(0, Math.Min(64, max))), (8, Gen.Choose(0, Math.Min(1024, max))),
            (4, Gen.Choose(0, max)), (2, Gen.Constant(max)), (2, Gen.Constant(max - 1))));

    /// <summary>An ordinary (non-probe) client policy the implementation's capabilities allow.</summary>
    public static Gen<ClientPolicy> Policy(ImplementationInfo info, PacketKind kind, int outgoingSize) =>
        Policies[(info.Profile, info.Capabilities, kind, outgoingSize)];

    // Only the profile and the capabilities of a declaration shape its policies, so they key the cache, not its name.
    private static readonly BuiltOnce<(FramingProfile, ChannelCapabilities, PacketKind, int), Gen<ClientPolicy>> Policies =
        new(key => BuildPolicy(new ImplementationInfo("", "", key.Item1, key.Item2), key.Item3, key.Item4));

    private static Gen<ClientPolicy> BuildPolicy(ImplementationInfo info, PacketKind kind, int outgoingSize)
    {
        var choices = new List<(int, Gen<ClientPolicy>)>
        {
            (40, Response(outgoingSize).Select(r => new ClientPolicy { Kind = PolicyKind.CompleteInline, Response = r })),
            (16, from r in Response(outgoingSize) from d in Gen.Choose(1, 4) select new ClientPolicy { Kind = PolicyKind.CompleteLater, Response = r, Delay = d }),
            (2, Gen.Constant(new ClientPolicy { Kind = PolicyKind.Fail })),
        };
        if (info.Has(ChannelCapabilities.DeferToPassive))
            choices.Add((10, from r in Response(outgoingSize) from n in Gen.Choose(1, 2) select new ClientPolicy { Kind = PolicyKind.DeferThenComplete, Response = r, Defers = n }));
        if (info.Has(ChannelCapabilities.ExternalData))
            choices.Add((kind is PacketKind.GpaDirect or PacketKind.TransferPages ? 30 : 3,
                from r in Response(outgoingSize) from ro in Gen.Elements(true, true, false) select new ClientPolicy { Kind = PolicyKind.ExternalDataThenComplete, Response = r, ReadOnly = ro }));
        return Gen.Frequency(choices.ToArray());
    }

    private static Gen<byte[]> Response(int outgoingSize) => Responses[outgoingSize];

    private static readonly BuiltOnce<int, Gen<byte[]>> Responses = new(outgoingSize =>
        from size in Gen.Frequency((60, Gen.Constant(0)), (80, Gen.Choose(1, 16)), (40, Gen.Choose(17, 300)), (20, Gen.Choose(301, outgoingSize / 3)),
            (2, Gen.Constant(PacketLimits.MaxReply(outgoingSize))), (2, Gen.Constant(PacketLimits.MaxReply(outgoingSize) - 1)), (3, FullWidth.Int(0, PacketLimits.MaxReply(outgoingSize))))
        from seed in Seeds
        select Bytes(size, seed));

    private static Gen<(int At, ClientPolicy? Policy)> Probe(ImplementationInfo info, GeneratorSettings settings, WritePacketStep[] packets)
    {
        if (!settings.MisuseProbes || !info.Has(ChannelCapabilities.MisuseDetection) || packets.Length == 0) return Gen.Constant((-1, (ClientPolicy?)null));
        // The probe first, then a packet it can be made on: choosing the packet first made the probes that need a
        // flagged packet (dead view, read-only view, Complete after PENDING) rare. Only packets a channel presents
        // carry a probe; one on a 0xB or malformed packet would never be exercised.
        var presentable = Enumerable.Range(0, packets.Length).Where(i => packets[i].IsPresentable).ToArray();
        if (presentable.Length == 0) return Gen.Constant((-1, (ClientPolicy?)null));
        // The probe the settings ask for when a packet can carry it (the source takes turns, D27), else any.
        var kinds = presentable.SelectMany(i => ProbesFor(info, packets[i].Kind)).Distinct().ToArray();
        if (settings.Probe is { } wanted && kinds.Contains(wanted)) kinds = [wanted];
        return from kind in Gen.Elements(kinds)
               let suited = presentable.Where(i => ProbesFor(info, packets[i].Kind).Contains(kind)).ToArray()
               from at in Gen.Elements(suited)
               select (at, (ClientPolicy?)new ClientPolicy { Kind = kind });
    }

    /// <summary>The misuse probes an implementation declaring <paramref name="info"/> can be given, in a fixed order.</summary>
    public static IReadOnlyList<PolicyKind> Probes(ImplementationInfo info) =>
        Enum.GetValues<PacketKind>().SelectMany(k => ProbesFor(info, k)).Distinct().Order().ToList();

    private static IEnumerable<PolicyKind> ProbesFor(ImplementationInfo info, PacketKind kind)
    {
        yield return PolicyKind.MisuseCompleteTwice;
        if (info.Has(ChannelCapabilities.PauseStart)) yield return PolicyKind.MisusePauseInCallback;
        if (info.Has(ChannelCapabilities.DeferToPassive)) { yield return PolicyKind.MisuseStaleHandle; yield return PolicyKind.MisuseDeferOutsideCallback; }
        if (!info.Has(ChannelCapabilities.ExternalData)) yield break;
        var flagged = kind == PacketKind.GpaDirect || kind == PacketKind.TransferPages && info.Has(ChannelCapabilities.TransferPagesAreExternalData);
        if (kind == PacketKind.InBand) yield return PolicyKind.MisuseExternalDataUnflagged;
        if (!flagged) yield break;
        yield return PolicyKind.MisuseUseDeadView;
        yield return PolicyKind.MisuseWriteReadOnlyView;
        yield return PolicyKind.MisuseCompleteAfterPending;
    }

    // Most scenarios evict no page; their extras depend on the declaration and the quota alone.
    private static Gen<ScenarioStep[]> Extras(ImplementationInfo info, ScenarioOptions options, ulong[] evicted) =>
        evicted.Length > 0 ? BuildExtras(info.Capabilities, options.Quota > 0, evicted) : ExtrasWithoutEvictions[(info.Capabilities, options.Quota > 0)];

    private static readonly BuiltOnce<(ChannelCapabilities, bool), Gen<ScenarioStep[]>> ExtrasWithoutEvictions =
        new(key => BuildExtras(key.Item1, key.Item2, []));

    private static Gen<ScenarioStep[]> BuildExtras(ChannelCapabilities capabilities, bool quotaSet, ulong[] evicted)
    {
        var one = new List<(int, Gen<ScenarioStep>)>
        {
            (5, Gen.Constant<ScenarioStep>(new SignalStep())),
            (22, Gen.Constant<ScenarioStep>(new DrainOutgoingStep())),
        };
        if (evicted.Length > 0) one.Add((10, Gen.Elements(evicted).Select(p => (ScenarioStep)new MakeResidentStep { Page = p })));
        if (capabilities.HasFlag(ChannelCapabilities.PauseStart))
        {
            one.Add((6, Gen.Constant<ScenarioStep>(new PauseStep())));
            one.Add((8, Gen.Constant<ScenarioStep>(new StartStep())));
        }
        if (capabilities.HasFlag(ChannelCapabilities.TransactionQuota) && quotaSet)
            one.Add((5, Gen.Frequency((6, Gen.Choose(1, 5).Select(q => (uint)q)), (1, Quota())).Select(q => (ScenarioStep)new SetQuotaStep { Quota = q })));
        return Gen.Frequency((5, Gen.Constant(Array.Empty<ScenarioStep>())), (4, Gen.ArrayOf(Gen.Frequency(one.ToArray()), 1)), (2, Gen.ArrayOf(Gen.Frequency(one.ToArray()), 2)));
    }

    /// <summary>
    /// A Complete-after-PENDING probe needs GetExternalData to answer PENDING, so the first page of its GPA-direct
    /// packet starts non-resident (otherwise the probe would almost never meet a PENDING).
    /// </summary>
    private static Scenario EvictForPendingProbe(Scenario s)
    {
        var probed = s.Steps.OfType<WritePacketStep>().FirstOrDefault(w => w.Policy.Kind == PolicyKind.MisuseCompleteAfterPending && w.Kind == PacketKind.GpaDirect);
        if (probed is null || probed.Ranges.Length == 0 || probed.Ranges[0].Pages.Length == 0) return s;
        var page = probed.Ranges[0].Pages[0];
        return s with { GuestPages = s.GuestPages.Select(p => p.Page == page ? p with { Resident = false } : p).ToArray() };
    }

    private static Scenario Assemble(Scenario shell, WritePacketStep[] packets, ScenarioStep[][] extras, bool peerClose)
    {
        var steps = new List<ScenarioStep>(extras[0]);
        for (var i = 0; i < packets.Length; i++)
        {
            steps.Add(packets[i]);
            steps.AddRange(extras[i + 1]);
        }
        if (peerClose) steps.Add(new PeerCloseStep());
        return shell with { Steps = steps.ToArray() };
    }

    /// <summary>Deterministic bytes from a seed (payload contents do not need shrinking, only their length).</summary>
    public static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

using Vmb.Conformance.Fields;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Running;

/// <summary>
/// The channel level's per-field coverage: the range class of every wire field and API parameter a scenario holds,
/// read from the scenario alone (D27), and the classes a default run must produce. A count or length is classed
/// against the most the scenario's ring holds ("max" is the largest packet, the most ranges, the largest reply).
/// </summary>
internal static class ScenarioFields
{
    private const string GuestPage = "guest page number";
    private const string GpaOffset = "GPA range byte offset";
    private const string GpaCount = "GPA range byte count";
    private const string PageSetId = "transfer page set id";
    private const string PageSetPages = "transfer page set pages";
    private const string TransferOffset = "transfer range byte offset";
    private const string TransferCount = "transfer range byte count";
    private const string Reply = "completion length";
    private const string Quota = "quota";
    private const string ClientContext = "client context size";
    private const string IncomingStart = "incoming start offset";

    // The largest u32 offset into a set names page 2^20 − 1: the most pages a set could have on the wire.
    private const ulong MostSetPages = 1UL << 20;

    /// <summary>The classes a default run of an implementation declaring <paramref name="info"/> must produce.</summary>
    public static IReadOnlyList<FieldClass> RequiredFor(ImplementationInfo info)
    {
        var external = info.Profile != FramingProfile.Pipe;
        var required = new List<FieldClass>();
        required.AddRange(FieldClass.Reachable(FieldNames.TransactionId, 0, ulong.MaxValue));
        required.AddRange(FieldClass.Reachable(FieldNames.Payload, 0, 4096));
        required.AddRange(FieldClass.Reachable(Reply, 0, 4096));
        required.AddRange(Named(IncomingStart, RangeClasses.Zero, RangeClasses.PowerOfTwo, RangeClasses.Max, RangeClasses.Other));
        if (info.Has(ChannelCapabilities.TransactionQuota)) required.AddRange(FieldClass.Reachable(Quota, 1, uint.MaxValue));
        if (info.Has(ChannelCapabilities.ClientContext))
            required.AddRange(Named(ClientContext, RangeClasses.Zero, RangeClasses.One, RangeClasses.PowerOfTwo, RangeClasses.Below16, RangeClasses.At16, RangeClasses.Other));
        if (!external) return required;
        required.AddRange(FieldClass.Reachable(GuestPage, 0, ulong.MaxValue));
        required.AddRange(FieldClass.Reachable(GpaOffset, 0, WireConstants.PageSize - 1));
        required.AddRange(Named(GpaCount, RangeClasses.One, RangeClasses.PowerOfTwo, RangeClasses.Below16, RangeClasses.At16, RangeClasses.Other));
        required.AddRange(FieldClass.Reachable(FieldNames.GpaRanges, 1, 253));
        required.AddRange(FieldClass.Reachable(PageSetId, 0, ushort.MaxValue));
        required.AddRange(Named(PageSetPages, RangeClasses.One, RangeClasses.PowerOfTwo, RangeClasses.Other));
        required.AddRange(Named(TransferOffset, RangeClasses.Zero, RangeClasses.One, RangeClasses.PowerOfTwo, RangeClasses.Below16, RangeClasses.At16, RangeClasses.MaxMinusOne, RangeClasses.Max, RangeClasses.Other));
        required.AddRange(Named(TransferCount, RangeClasses.One, RangeClasses.PowerOfTwo, RangeClasses.Below16, RangeClasses.At16, RangeClasses.Max, RangeClasses.Other));
        required.AddRange(FieldClass.Reachable(FieldNames.TransferRanges, 1, 505));
        return required;
    }

    /// <summary>Every field class <paramref name="s"/> holds.</summary>
    public static IEnumerable<FieldClass> Classes(Scenario s)
    {
        var classes = new List<FieldClass>();
        void Add(string field, ulong value, ulong max) => classes.AddRange(FieldClass.Of(field, value, max));
        Add(IncomingStart, (ulong)s.IncomingStart, (ulong)(s.IncomingDataSize - WireConstants.Alignment));
        if (s.Options.Quota != 0) Add(Quota, s.Options.Quota, uint.MaxValue);
        foreach (var q in s.Steps.OfType<SetQuotaStep>()) Add(Quota, q.Quota, uint.MaxValue);
        Add(ClientContext, s.Options.ClientContextSize, uint.MaxValue);
        foreach (var set in s.PageSets)
        {
            Add(PageSetId, set.Id, ushort.MaxValue);
            Add(PageSetPages, (ulong)set.Pages.Length, MostSetPages);
        }
        foreach (var w in s.Packets)
        {
            Add(FieldNames.TransactionId, w.TransactionId, ulong.MaxValue);
            if (!w.IsPresentable) continue;
            Add(FieldNames.Payload, (ulong)w.Payload.Length, (ulong)Math.Max(0, PacketLimits.MaxPayload(w, s.IncomingDataSize, s.Options.Profile)));
            if (w.Policy.Kind is not (PolicyKind.Fail or >= PolicyKind.MisuseCompleteTwice))
                Add(Reply, (ulong)w.Policy.Response.Length, (ulong)PacketLimits.MaxReply(s.OutgoingDataSize));
            if (w.Kind == PacketKind.GpaDirect) Gpa(w, s.IncomingDataSize, Add);
            if (w.Kind == PacketKind.TransferPages) Transfer(w, s, Add);
        }
        return classes;
    }

    private static void Gpa(WritePacketStep w, int ringSize, Action<string, ulong, ulong> add)
    {
        add(FieldNames.GpaRanges, (ulong)w.Ranges.Length, (ulong)PacketLimits.MaxGpaRanges(ringSize));
        foreach (var r in w.Ranges)
        {
            add(GpaOffset, r.ByteOffset, WireConstants.PageSize - 1);
            add(GpaCount, r.ByteCount, uint.MaxValue);
            foreach (var page in r.Pages) add(GuestPage, page, ulong.MaxValue);
        }
    }

    private static void Transfer(WritePacketStep w, Scenario s, Action<string, ulong, ulong> add)
    {
        add(FieldNames.TransferRanges, (ulong)w.Ranges.Length, (ulong)PacketLimits.MaxTransferRanges(s.IncomingDataSize));
        var setBytes = (ulong)(s.PageSets.FirstOrDefault(p => p.Id == w.PageSetId)?.Pages.Length ?? 0) * WireConstants.PageSize;
        foreach (var r in w.Ranges)
        {
            add(TransferOffset, r.ByteOffset, setBytes - 1);
            add(TransferCount, r.ByteCount, setBytes - r.ByteOffset);
        }
    }

    private static IEnumerable<FieldClass> Named(string field, params string[] classes) => classes.Select(c => new FieldClass(field, c));
}

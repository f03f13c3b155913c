using System.Buffers.Binary;
using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests.Properties;

/// <summary>What generator coverage a batch of runs reached (design.md: generators must reach the hard cases).</summary>
public sealed class ChannelCoverage
{
    public int Presentations, WrapArounds, FullRefusals, Deferrals, Pendings, ExternalViews, LaterCompletions, Failures, QueuedReplies, QuotaStalls, Pauses;

    public override string ToString() =>
        $"presentations {Presentations}, wrap-arounds {WrapArounds}, ring-full refusals {FullRefusals}, deferrals {Deferrals}, " +
        $"pending {Pendings}, views {ExternalViews}, later completions {LaterCompletions}, failures {Failures}, " +
        $"queued replies {QueuedReplies}, quota stalls {QuotaStalls}, pauses {Pauses}";
}

/// <summary>One packet as sent, with everything the checks expect of it.</summary>
internal sealed record SentPacket(int Index, PacketPlan Plan, PacketType Type, byte[] TypeHeader, byte[] Payload, byte[] ExpectedBuffer,
    uint ExpectedFlags, GpaRange[] ExpectedRanges, ulong[] OwnPages, byte[] Reply)
{
    public ulong TransactionId => (ulong)Index + 1;
}

/// <summary>
/// The environment-independent half of a property run: builds the packet stream of a scenario, plays the
/// client (its policies, at every presentation), and judges the three core invariants and their neighbours
/// over what happened. Thread-safe: callbacks and later completions may race.
/// </summary>
internal sealed class ScenarioRun
{
    private readonly Lock _gate = new();
    private readonly List<string> _errors = new();
    private readonly int[] _answers;
    private readonly int[] _presentations;
    private readonly bool[] _failedPacket;
    private readonly bool[] _deferred;
    private readonly bool[] _awaiting; // last presentation ended in Defer or PENDING
    private readonly Queue<(int Index, VmbPacket Packet)> _held = new();
    private int _firstPresentations;
    private int _unflaggedProbes;
    private bool _failed;

    public ScenarioRun(ChannelScenario scenario, ChannelCoverage coverage)
    {
        Scenario = scenario;
        Coverage = coverage;
        Packets = scenario.Packets.Select(Build).ToArray();
        _answers = new int[Packets.Length];
        _presentations = new int[Packets.Length];
        _failedPacket = new bool[Packets.Length];
        _deferred = new bool[Packets.Length];
        _awaiting = new bool[Packets.Length];
    }

    public ChannelScenario Scenario { get; }

    public ChannelCoverage Coverage { get; }

    public SentPacket[] Packets { get; }

    public bool Failed { get { lock (_gate) return _failed; } }

    public KmclOptions Options => new() { Profile = Scenario.Profile, TransferPagesAreExternalData = Scenario.TransferPagesExternal };

    /// <summary>Guest pages, transfer set, options and callbacks; call before Enable.</summary>
    public void Configure(ChannelHarness h)
    {
        for (ulong page = 1; page <= ChannelScenarioArbitrary.TransferSetPages; page++) h.Memory.AddPage(page, ChannelHarness.PageContents(page));
        foreach (var p in Packets)
            foreach (var page in p.OwnPages) h.Memory.AddPage(page, ChannelHarness.PageContents(page));
        Assert.Equal(NtStatus.Success, h.Channel.InitSetTransferPageSet(1, Enumerable.Range(1, ChannelScenarioArbitrary.TransferSetPages).Select(i => (ulong)i).ToArray()));
        Assert.Equal(NtStatus.Success, h.Channel.InitSetClientContextSize(8));
        if (Scenario.Passive) h.Channel.SetIncomingProcessingAtPassive(true);
        if (Scenario.Quota > 0) h.Channel.SetTransactionQuota((uint)Scenario.Quota);
        h.Client.Policy = (_, packet, presentation) => OnPacket(h, packet, presentation);
        h.Client.Register(h.Channel);
    }

    /// <summary>
    /// Writes packet <paramref name="index"/> to the incoming ring; false when the ring is full. Like a real
    /// peer, the caller rings the doorbell only when <paramref name="signal"/> says so (R-SIG-1), so a channel
    /// that loses a wakeup (R-SIG-3) stalls and fails the run.
    /// </summary>
    public bool TryWrite(ChannelHarness h, int index, out bool signal)
    {
        signal = false;
        var p = Packets[index];
        if (p.Plan.Policy == ClientPolicy.ExternalPending)
            foreach (var page in p.OwnPages) h.Memory.Evict(page);
        var start = h.Peer.StagedWriteIndex;
        var flags = p.Plan.CompletionRequested ? WireConstants.FlagCompletionRequested : (ushort)0;
        if (h.Peer.TryWrite(p.Type, flags, p.TransactionId, p.TypeHeader, p.Payload) == RingWriteStatus.Full)
        {
            foreach (var page in p.OwnPages) h.Memory.MakeResident(page);
            Interlocked.Increment(ref Coverage.FullRefusals);
            return false;
        }
        if (start + WireConstants.AlignUp(16 + p.TypeHeader.Length + p.Payload.Length) + 8 > Scenario.RingSize) Interlocked.Increment(ref Coverage.WrapArounds);
        signal = h.Peer.Commit();
        return true;
    }

    /// <summary>Makes every evicted page of the packets sent so far resident again (triggers re-presentations).</summary>
    public static void MakeAllResident(ChannelHarness h)
    {
        foreach (var page in h.Memory.NonResidentPages) h.Memory.MakeResident(page);
    }

    /// <summary>Takes one held packet for a later completion, if any.</summary>
    public bool TryTakeHeld(out int index, out VmbPacket packet)
    {
        lock (_gate)
        {
            if (_held.TryDequeue(out var next)) { (index, packet) = next; return true; }
        }
        (index, packet) = (-1, default);
        return false;
    }

    public int HeldCount { get { lock (_gate) return _held.Count; } }

    /// <summary>Completes a held packet (called by the driver, on any thread).</summary>
    public void CompleteLater(int index, VmbPacket packet)
    {
        Interlocked.Increment(ref Coverage.LaterCompletions);
        Answer(index, packet);
    }

    /// <summary>True when nothing more will happen: every packet answered, or the channel failed and every presented one is answered.</summary>
    public bool Finished(int written)
    {
        lock (_gate)
        {
            if (_held.Count > 0) return false;
            // After a Fail, packets waiting for a re-presentation are dropped by the channel (D10).
            if (_failed) return _presentations.Select((n, i) => n == 0 || _answers[i] > 0 || _awaiting[i]).All(x => x);
            return written == Packets.Length && _answers.All(a => a > 0);
        }
    }

    public void Error(string message)
    {
        lock (_gate) if (_errors.Count < 20) _errors.Add(message);
    }

    private void Check(bool condition, string message)
    {
        if (!condition) Error(message);
    }

    private void OnPacket(ChannelHarness h, VmbPacket packet, Presentation pres)
    {
        Interlocked.Increment(ref Coverage.Presentations);
        var context = packet.GetClientContext();
        int index;
        bool first;
        lock (_gate)
        {
            var tag = BinaryPrimitives.ReadInt64LittleEndian(context.Span);
            first = tag == 0;
            index = first ? _firstPresentations++ : (int)tag - 1;
            if (first) BinaryPrimitives.WriteInt64LittleEndian(context.Span, index + 1);
            if (_failed) _errors.Add($"packet {index} presented after a Fail (R-FAIL-2)");
        }
        if (index >= Packets.Length) { Error($"presentation {pres.Index} names packet {index}, but only {Packets.Length} were sent"); return; }
        var p = Packets[index];
        // The three core invariants, at every presentation: bytes and length per profile, flag only where external.
        Check(pres.Buffer.AsSpan().SequenceEqual(p.ExpectedBuffer),
            $"packet {index} ({p.Plan}): Buffer differs from the sender's payload (R-PP-5, R-PP-7, R-PP-24, R-PP-15)");
        Check(pres.BufferLength == (uint)p.ExpectedBuffer.Length && pres.Buffer.Length == (int)pres.BufferLength,
            $"packet {index}: BufferLength {pres.BufferLength}, expected {p.ExpectedBuffer.Length} (R-PP-6)");
        Check(pres.Flags == p.ExpectedFlags, $"packet {index} ({p.Type}): Flags 0x{pres.Flags:X}, expected 0x{p.ExpectedFlags:X} (R-PP-9, R-EXT-2, R-EXT-21)");
        Check(pres.Irql <= Spec.Kmcl.Irql.Dispatch, $"packet {index} presented at {pres.Irql} (R-PP-11)");
        if (Scenario.Passive) Check(pres.Irql == Spec.Kmcl.Irql.Passive, $"packet {index} presented at {pres.Irql} on a passive channel (R-PAS-1)");
        lock (_gate)
        {
            if (_answers[index] != 0) _errors.Add($"packet {index} presented after its answer (P-1, R-CMPL-1)");
            if (!first && _deferred[index] && pres.Irql != Spec.Kmcl.Irql.Passive) _errors.Add($"deferred packet {index} came back at {pres.Irql} (R-DEF-1)");
            _deferred[index] = false;
            _awaiting[index] = false;
            _presentations[index]++;
        }
        switch (p.Plan.Policy)
        {
            case ClientPolicy.CompleteInline:
                Answer(index, packet);
                break;
            case ClientPolicy.CompleteLater:
                lock (_gate) _held.Enqueue((index, packet));
                break;
            case ClientPolicy.Defer when first:
                lock (_gate) _deferred[index] = _awaiting[index] = true;
                Interlocked.Increment(ref Coverage.Deferrals);
                packet.DeferToPassive();
                break;
            case ClientPolicy.Defer:
                Answer(index, packet);
                break;
            case ClientPolicy.ExternalRead or ClientPolicy.ExternalPending:
                if (ProbeExternalData(h, index, packet)) Answer(index, packet);
                else lock (_gate) _awaiting[index] = true;
                break;
            case ClientPolicy.Fail:
                lock (_gate)
                {
                    _failed = true;
                    _failedPacket[index] = true;
                    _answers[index]++;
                }
                Interlocked.Increment(ref Coverage.Failures);
                packet.Fail();
                break;
        }
    }

    /// <summary>GetExternalData succeeds exactly on flagged packets and shows the sender's ranges; false after PENDING (no answer then, R-EXT-8).</summary>
    private bool ProbeExternalData(ChannelHarness h, int index, VmbPacket packet)
    {
        var p = Packets[index];
        var status = packet.GetExternalData(KmclFlags.ExternalDataReadOnly, out var view);
        if (p.ExpectedFlags == 0)
        {
            Check(!NtStatus.IsSuccess(status) && view is null, $"packet {index} ({p.Type}) without EXTERNAL_DATA: GetExternalData gave {NtStatus.Name(status)} (R-EXT-5)");
            Interlocked.Increment(ref _unflaggedProbes);
            return true;
        }
        if (status == NtStatus.Pending)
        {
            Check(p.Plan.Policy == ClientPolicy.ExternalPending && view is null, $"packet {index}: PENDING although its pages were resident (R-EXT-9)");
            Interlocked.Increment(ref Coverage.Pendings);
            return false;
        }
        if (status != NtStatus.Success || view is null)
        {
            Error($"packet {index} ({p.Type}) with EXTERNAL_DATA: GetExternalData gave {NtStatus.Name(status)} (R-EXT-7, R-EXT-9)");
            return true;
        }
        Interlocked.Increment(ref Coverage.ExternalViews);
        var ranges = view.Ranges;
        var same = ranges.Count == p.ExpectedRanges.Length && ranges.Select((r, i) => r.SameAs(p.ExpectedRanges[i])).All(x => x);
        Check(same, $"packet {index}: view ranges differ from the sender's (R-EXT-16)");
        if (same)
        {
            var bytes = new byte[view.Length];
            view.Read(0, bytes);
            Check(bytes.AsSpan().SequenceEqual(ExpectedBytes(p.ExpectedRanges)), $"packet {index}: view bytes differ from guest memory (R-EXT-16)");
        }
        return true;
    }

    private void Answer(int index, VmbPacket packet)
    {
        try
        {
            packet.Complete(Packets[index].Reply);
            lock (_gate) _answers[index]++;
        }
        catch (ContractViolationException e)
        {
            Error($"packet {index}: a well-behaved Complete was refused: {e.Message}");
        }
    }

    /// <summary>Everything judged once the run is over; null when every check held.</summary>
    public string? Verdict(ChannelHarness h, IReadOnlyList<ReadCompletion> completions, int written)
    {
        lock (_gate)
        {
            for (var i = 0; i < Packets.Length; i++)
            {
                var dropped = _failed && _awaiting[i] && _answers[i] == 0;
                if (_presentations[i] > 0 && _answers[i] != 1 && !dropped) _errors.Add($"packet {i} answered {_answers[i]} times (R-CMPL-1)");
                if (!_failed && i < written && _presentations[i] == 0) _errors.Add($"packet {i} was never presented (P-16, R-PP-1)");
            }
            if (!_failed && written != Packets.Length) _errors.Add($"only {written} of {Packets.Length} packets could be written");
        }
        CheckCompletions(completions);
        CheckProcessingComplete(h.Client.Log);
        CheckLifecycle(h.Client.Log);
        Check(!h.Client.Overlapped, "two callbacks of the channel overlapped (R-SYNC-3, R-SYNC-4)");
        Check(h.Channel.Outstanding == 0, $"{h.Channel.Outstanding} packets still outstanding at the end");
        var misuse = h.Observer.Misuse;
        Check(misuse.All(m => m.Id == "R-MIS-4") && misuse.Count == _unflaggedProbes,
            $"misuse reports for a well-behaved client: {string.Join("; ", misuse.Select(m => $"{m.Id} {m.Detail}"))}");
        var stops = h.Observer.Stops;
        Check(Failed ? stops.Count == 1 && stops[0].Reason == IntakeStopReason.PacketFailed : stops.Count == 0,
            $"intake stops: {string.Join("; ", stops.Select(s => $"{s.Reason} {s.Rule} {s.Detail}"))}");
        lock (_gate) return _errors.Count == 0 ? null : string.Join(Environment.NewLine, _errors);
    }

    private void CheckCompletions(IReadOnlyList<ReadCompletion> completions)
    {
        var byId = completions.GroupBy(c => c.TransactionId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var p in Packets)
        {
            bool completed;
            lock (_gate) completed = _answers[p.Index] == 1 && !_failedPacket[p.Index];
            var expected = completed && p.Plan.CompletionRequested ? 1 : 0;
            var got = byId.TryGetValue(p.TransactionId, out var list) ? list.Count : 0;
            Check(got == expected, $"packet {p.Index} ({p.Plan}): {got} completion packets, expected {expected} (R-CMPL-4, P-2)");
            if (got == 1 && expected == 1)
            {
                var c = list![0];
                Check(c.Flags == 0 && c.Payload.Length == WireConstants.AlignUp(p.Reply.Length) && c.Payload.AsSpan(0, p.Reply.Length).SequenceEqual(p.Reply),
                    $"packet {p.Index}: completion payload differs from the reply (R-CMPL-5, R-CMPL-6)");
            }
        }
        Check(byId.Keys.All(id => id >= 1 && id <= (ulong)Packets.Length), "a completion names an unknown transaction id");
    }

    private void CheckProcessingComplete(IReadOnlyList<string> log)
    {
        var sinceLast = 0;
        foreach (var entry in log)
        {
            if (entry == "PP") sinceLast++;
            else if (entry.StartsWith("PC", StringComparison.Ordinal))
            {
                var n = int.Parse(entry[2..]);
                Check(n == sinceLast && n > 0, $"ProcessingComplete({n}) after {sinceLast} presentations (R-PP-18, R-SYNC-3)");
                sinceLast = 0;
            }
        }
        Check(sinceLast == 0, $"{sinceLast} presentations at the end without a ProcessingComplete (R-PP-18)");
    }

    /// <summary>Started and Suspend alternate, and nothing is presented from a Suspend to the next Started (R-LIFE-11, R-LIFE-18).</summary>
    private void CheckLifecycle(IReadOnlyList<string> log)
    {
        var started = false;
        foreach (var entry in log)
        {
            if (entry == "Started") { Check(!started, "Started twice without a Suspend between (R-LIFE-18)"); started = true; }
            else if (entry == "Suspend") { Check(started, "Suspend without a Started before it (R-LIFE-18)"); started = false; }
            else if (entry == "PP" && !started) { Error("a packet was presented outside Started..Suspend (R-LIFE-8, R-LIFE-11)"); return; }
        }
    }

    private static byte[] ExpectedBytes(GpaRange[] ranges)
    {
        var bytes = new List<byte>();
        foreach (var r in ranges)
            for (var i = 0; i < r.ByteCount; i++)
            {
                var linear = r.ByteOffset + i;
                bytes.Add(ChannelHarness.PageContents(r.PageNumbers[(int)(linear / WireConstants.PageSize)])[linear % WireConstants.PageSize]);
            }
        return bytes.ToArray();
    }

    private SentPacket Build(PacketPlan plan, int index)
    {
        var s = Scenario;
        var tx = (ulong)index + 1;
        var random = new Random(plan.RangeSeed);
        byte[] header = [];
        GpaRange[] ranges = [];
        ulong[] own = [];
        var type = s.Profile == FramingProfile.Pipe ? PacketType.InBand : plan.Type;
        if (type == PacketType.GpaDirect)
        {
            var pages = new List<ulong>();
            ranges = new GpaRange[random.Next(1, 4)];
            for (var r = 0; r < ranges.Length; r++)
            {
                var offset = (uint)random.Next(0, WireConstants.PageSize);
                var count = (uint)random.Next(1, 5001);
                var numbers = new ulong[GpaRange.PagesFor(offset, count)];
                for (var k = 0; k < numbers.Length; k++) { numbers[k] = 100 + (ulong)index * 16 + (ulong)pages.Count; pages.Add(numbers[k]); }
                ranges[r] = new GpaRange(count, offset, numbers);
            }
            own = pages.ToArray();
            header = new byte[RangeHeaders.GpaDirectHeaderBytes(ranges)];
            RangeHeaders.WriteGpaDirect(header, ranges);
        }
        else if (type == PacketType.TransferPages)
        {
            var setBytes = ChannelScenarioArbitrary.TransferSetPages * WireConstants.PageSize;
            var tp = new TransferPageRange[random.Next(1, 4)];
            ranges = new GpaRange[tp.Length];
            for (var r = 0; r < tp.Length; r++)
            {
                var count = random.Next(1, WireConstants.PageSize + 1);
                var offset = random.Next(0, setBytes - count + 1);
                tp[r] = new TransferPageRange((uint)count, (uint)offset);
                var inPage = (uint)(offset % WireConstants.PageSize);
                ranges[r] = new GpaRange((uint)count, inPage,
                    Enumerable.Range(offset / WireConstants.PageSize + 1, GpaRange.PagesFor(inPage, (uint)count)).Select(n => (ulong)n).ToArray());
            }
            header = new byte[RangeHeaders.TransferPageHeaderBytes(tp.Length)];
            RangeHeaders.WriteTransferPages(header, 1, tp);
        }
        // Largest payload one packet can carry in an empty ring of this size (R-RING-7).
        var room = s.RingSize - 32 - header.Length;
        byte[] payload, expected;
        if (s.Profile == FramingProfile.Pipe)
        {
            var data = ChannelHarness.Payload(tx, Math.Min(plan.PayloadLength, Math.Min(WireConstants.PipeMaxPayload, room - WireConstants.PipeHeaderSize)));
            payload = new byte[WireConstants.PipeHeaderSize + data.Length];
            new PipeHeader(PipeHeader.DataMessage, (uint)data.Length).Write(payload);
            data.CopyTo(payload, WireConstants.PipeHeaderSize);
            expected = data;
        }
        else
        {
            payload = ChannelHarness.Payload(tx, Math.Min(plan.PayloadLength, room));
            expected = new byte[WireConstants.AlignUp(payload.Length)];
            payload.CopyTo(expected, 0);
        }
        var flags = type == PacketType.GpaDirect || (type == PacketType.TransferPages && s.TransferPagesExternal) ? KmclFlags.ProcessPacketExternalData : 0u;
        var reply = ChannelHarness.Payload(tx + 1000, Math.Min(plan.ReplyLength, s.RingSize - 32));
        var effective = plan with { Type = type };
        return new SentPacket(index, effective, type, header, payload, expected, flags, ranges, own, reply);
    }
}

using Vmb.Conformance.Driver;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Running;

/// <summary>Generator coverage: how often each situation the suite must provoke actually happened in a run.</summary>
internal static class Coverage
{
    /// <summary>At least <see cref="ScenarioSource.LongScenario"/> packets sent by the peer (their write steps ran).</summary>
    public const string LongScenario = "long-scenario";

    /// <summary>At least <see cref="Reach.Backlog"/> data packets waiting at once, written or queued but not yet presented.</summary>
    public const string LongBacklog = "long-backlog";

    /// <summary>A packet of the largest size the incoming ring holds written: it fills the ring exactly.</summary>
    public const string LargestPacket = "largest-packet";

    /// <summary>
    /// A page a pending packet waits for made resident after a Pause and before the next Start: a channel whose Pause
    /// waits for that packet presents it again while pausing (R-SYNC-4), one that suspends at once holds it until
    /// Started (R-LIFE-11). Which of the two happens is the implementation's; the situation is that it was offered.
    /// </summary>
    public const string ResidencyWhilePausing = "residency-while-pausing";

    /// <summary>
    /// The quota set to or below the packets outstanding at the time: intake must then wait for answers until the count is
    /// below the new quota (R-QUO-3).
    /// </summary>
    public const string QuotaLoweredBelowOutstanding = "quota-lowered-below-outstanding";

    /// <summary>The situations a default run of an implementation declaring everything must reach (each at least once).</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "wrap-around", "incoming-ring-full", "outgoing-ring-full", "quota-reached", QuotaLoweredBelowOutstanding, "pause-while-pending", "external-data-pending",
        ResidencyWhilePausing, "threads:answers-on-several-threads", LongScenario, LongBacklog, LargestPacket,
        .. Enum.GetValues<PacketKind>().Select(k => $"packet:{k}"),
        .. Enum.GetValues<PolicyKind>().Where(p => p < PolicyKind.MisuseCompleteTwice).Select(p => $"policy:{p}"),
    ];

    /// <summary>
    /// The situations required of an implementation declaring <paramref name="info"/>: the generator never produces what
    /// a declared profile or an absent capability rules out, so those situations cannot be required (D26).
    /// </summary>
    /// <remarks>Through the testee protocol every scenario runs serially (spec/testee-protocol.md §16), so answers never race there.</remarks>
    public static IReadOnlyList<string> RequiredFor(ImplementationInfo info, bool remote = false)
    {
        var external = info.Has(ChannelCapabilities.ExternalData);
        var pipe = info.Profile == FramingProfile.Pipe;
        bool Possible(string situation) => situation switch
        {
            "quota-reached" or QuotaLoweredBelowOutstanding => info.Has(ChannelCapabilities.TransactionQuota),
            "pause-while-pending" => info.Has(ChannelCapabilities.PauseStart),
            LongBacklog => info.Has(ChannelCapabilities.PauseStart) || info.Has(ChannelCapabilities.TransactionQuota),
            "external-data-pending" => external && !pipe,
            ResidencyWhilePausing => external && !pipe && info.Has(ChannelCapabilities.PauseStart),
            "threads:answers-on-several-threads" => !remote,
            "packet:TransferPages" or "packet:GpaDirect" => !pipe,
            "policy:DeferThenComplete" => info.Has(ChannelCapabilities.DeferToPassive),
            "policy:ExternalDataThenComplete" => external,
            _ => true,
        };
        return Required.Where(Possible).ToList();
    }

    /// <summary>The situations one run reached, each once.</summary>
    public static IEnumerable<string> Situations(RunRecord run)
    {
        var f = run.Facts;
        if (f.WrapAround) yield return "wrap-around";
        if (f.IncomingRingFull) yield return "incoming-ring-full";
        if (f.OutgoingRingFull) yield return "outgoing-ring-full";
        if (f.QuotaReached) yield return "quota-reached";
        if (LoweredBelowOutstanding(run)) yield return QuotaLoweredBelowOutstanding;
        if (f.PauseWhilePending) yield return "pause-while-pending";
        if (f.ExternalDataPending) yield return "external-data-pending";
        if (MadeResidentWhilePausing(run)) yield return ResidencyWhilePausing;
        if (LateAnswers(run).Select(e => e.Thread).Distinct().Count() > 1) yield return "threads:answers-on-several-threads";
        var packets = run.Scenario.Packets.ToArray();
        foreach (var reach in Reach.Situations(run)) yield return reach;
        foreach (var kind in run.Events.OfType<PacketWritten>().Select(e => packets[e.Packet].Kind).Distinct())
            yield return $"packet:{kind}";
        foreach (var policy in run.Events.OfType<PresentationBegun>().Where(e => e.Packet >= 0).Select(e => packets[e.Packet].Policy.Kind).Distinct())
            yield return $"policy:{policy}";
        yield return $"outcome:{run.Outcome}";
    }

    /// <summary>
    /// The order of a threaded run's racing events — presentations, the client's answers, completions read back, pauses
    /// and quota changes — by packet, as one key; null for a serial run.
    /// </summary>
    public static string? EventOrder(RunRecord run)
    {
        if (!run.Scenario.Threaded) return null;
        // Completions read back are named by the packet whose transaction id they carry, so equal interleavings of
        // different scenarios are one order.
        var packets = run.Scenario.Packets.Select((p, i) => (p.TransactionId, i)).GroupBy(p => p.TransactionId).ToDictionary(g => g.Key, g => g.First().i);
        var order = run.Events.Select(e => e switch
        {
            PresentationBegun p => $"p{p.Packet}",
            PacketCompleted c => $"a{c.Packet}",
            OutgoingPacketRead r => packets.TryGetValue(r.TransactionId, out var i) ? $"r{i}" : "r?",
            ControlCalled { Call: Subject.Pause or Subject.Start or Subject.SetTransactionQuota } c => $"{c.Call}",
            _ => null,
        }).Where(k => k is not null);
        return string.Join(' ', order);
    }

    private static bool MadeResidentWhilePausing(RunRecord run)
    {
        var pending = false;
        var pausedWhilePending = false;
        foreach (var e in run.Events)
        {
            switch (e)
            {
                case ExternalDataRequested { Status: NtStatus.Pending }: pending = true; break;
                case ControlCalled { Call: Subject.Pause }: pausedWhilePending = pending; break;
                case ControlCalled { Call: Subject.Start }: pausedWhilePending = false; break;
                case PageMadeResident when pausedWhilePending: return true;
            }
        }
        return false;
    }

    private static bool LoweredBelowOutstanding(RunRecord run)
    {
        var outstanding = new HashSet<int>();
        foreach (var e in run.Events)
        {
            switch (e)
            {
                case PresentationBegun { Packet: >= 0 } p: outstanding.Add(p.Packet); break;
                case PacketCompleted or PacketFailed: outstanding.Remove(((PresentationEvent)e).Packet); break;
                case ControlCalled { Call: Subject.SetTransactionQuota } c when outstanding.Count > 0 && c.Argument <= outstanding.Count: return true;
            }
        }
        return false;
    }

    private static IEnumerable<PacketCompleted> LateAnswers(RunRecord run) => run.Events.OfType<PacketCompleted>().Where(e => !e.InsideCallback);
}

using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Generation;

/// <summary>
/// Committed weight profiles that steer a share of the scenarios towards situations ordinary generation almost never
/// reaches (D27: chosen by scenario index, never by what the implementation did, so a seed means the same scenarios
/// for everyone). Each takes an ordinary scenario and reshapes it; shrinking still works on the result.
/// </summary>
internal static class FocusProfiles
{
    /// <summary>
    /// Intake halted by the quota, then the quota changed while it is halted: lowered below the outstanding count
    /// (R-QUO-3) or raised, which must not wake intake by itself (R-QUO-4). Packets are answered late, so the
    /// outstanding count reaches the quota.
    /// </summary>
    public static Gen<Scenario> QuotaHalt(Gen<Scenario> ordinary, ImplementationInfo info) =>
        !info.Has(ChannelCapabilities.TransactionQuota) ? ordinary :
        from s in ordinary
        from quota in Gen.Choose(2, 3)
        from delay in Gen.Choose(8, 12)
        from raise in Gen.Elements(true, false)
        select ScenarioRepair.Repair(HaltThenChange(s, (uint)quota, delay, raise), info);

    /// <summary>
    /// A full outgoing ring: large replies, no peer draining until the end, so Complete meets a ring without room
    /// and must queue the reply (R-CMPL-8).
    /// </summary>
    public static Gen<Scenario> BackPressure(Gen<Scenario> ordinary, ImplementationInfo info) =>
        from s in ordinary
        from size in Gen.Choose(700, 1500)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select ScenarioRepair.Repair(Congest(s, size, seed), info);

    /// <summary>
    /// A long scenario (hundreds of packets) whose packets are all answered: a Fail would stop presentation and leave
    /// most of them unseen, so failing policies complete instead; the channel's Opened callback succeeds.
    /// </summary>
    public static Gen<Scenario> Long(Gen<Scenario> many, ImplementationInfo info) =>
        from s in many
        select ScenarioRepair.Repair(s with
        {
            Options = s.Options with { OpenedFails = false },
            Steps = s.Steps.Select(step => step is WritePacketStep { Policy.Kind: PolicyKind.Fail } w
                ? w with { Policy = new ClientPolicy { Kind = PolicyKind.CompleteInline } }
                : step).ToArray(),
        }, info);

    /// <summary>
    /// A long backlog: dozens of packets written while nothing may be presented — the channel paused before Enable
    /// and started only after the last write (its in-band packets asking for no reply), or a quota of 1 held by a first
    /// packet answered only at the end.
    /// </summary>
    public static Gen<Scenario> LongBacklog(Gen<Scenario> many, ImplementationInfo info)
    {
        var holds = new List<Func<Scenario, Scenario>>();
        if (info.Has(ChannelCapabilities.PauseStart)) holds.Add(PausedThroughout);
        if (info.Has(ChannelCapabilities.TransactionQuota)) holds.Add(HeldAtQuota);
        if (holds.Count == 0) return many;
        return from s in many
               from hold in Gen.Elements(holds.ToArray())
               select ScenarioRepair.Repair(hold(s with { Options = s.Options with { OpenedFails = false } }), info);
    }

    /// <summary>
    /// Residency while pausing: a GPA-direct packet whose first page is not resident is answered only once its
    /// external data can be mapped; the channel is paused while that packet is pending, and the page made resident
    /// only then. A channel whose Pause waits for the packet presents it again while pausing, and its answer ends the
    /// pause (R-SYNC-4); one that suspends at once must hold it until Started (R-LIFE-11). Scenarios without a
    /// GPA-direct packet stay as they are.
    /// </summary>
    public static Gen<Scenario> ResidencyWhilePausing(Gen<Scenario> ordinary, ImplementationInfo info) =>
        !info.Has(ChannelCapabilities.PauseStart) || !info.Has(ChannelCapabilities.ExternalData) || info.Profile == FramingProfile.Pipe ? ordinary :
        from s in ordinary
        select ScenarioRepair.Repair(PauseWhilePending(s, info.Has(ChannelCapabilities.PassiveProcessing)), info);

    private static Scenario PauseWhilePending(Scenario s, bool passive)
    {
        var at = Array.FindIndex(s.Steps, step => step is WritePacketStep { Kind: PacketKind.GpaDirect, Policy.IsMisuseProbe: false, Ranges: [{ Pages.Length: > 0 }, ..] });
        if (at < 0) return s;
        var packet = (WritePacketStep)s.Steps[at];
        var page = packet.Ranges[0].Pages[0];
        static bool Moved(ScenarioStep step) => step is PauseStep or StartStep or MakeResidentStep;
        // Packets before it are answered in their callbacks, so the pending packet is the one the Pause waits for.
        static ScenarioStep AnsweredAtOnce(ScenarioStep step) => step is WritePacketStep { Policy: { IsMisuseProbe: false, Kind: PolicyKind.CompleteLater or PolicyKind.DeferThenComplete } } w
            ? w with { Policy = w.Policy with { Kind = PolicyKind.CompleteInline } }
            : step;
        ScenarioStep[] steps =
        [
            .. s.Steps[..at].Where(step => !Moved(step)).Select(AnsweredAtOnce),
            packet with { Policy = packet.Policy with { Kind = PolicyKind.ExternalDataThenComplete } },
            new PauseStep(), new MakeResidentStep { Page = page }, new StartStep(),
            .. s.Steps[(at + 1)..].Where(step => !Moved(step)),
        ];
        return s with
        {
            // At PASSIVE_LEVEL where the channel can present there, as state callbacks run (R-LIFE-19): the packet's
            // answer and the end of the pause then meet at one level.
            Options = s.Options with { PauseBeforeEnable = false, OpenedFails = false, PassiveProcessing = s.Options.PassiveProcessing || passive },
            // Every other page is resident, so no other packet waits on a page and making this one resident is what
            // brings the packet back: its answer is the one the Pause waits for.
            GuestPages = s.GuestPages.Select(p => p with { Resident = p.Page != page }).ToArray(),
            Steps = steps,
        };
    }

    // The in-band packets ask for no reply: the ring the peer is blocked on then drains with nothing written back, so the
    // room the reads make is announced by a signal of its own (R-SIG-5), not by one that also announces completions.
    private static Scenario PausedThroughout(Scenario s) => s with
    {
        Options = s.Options with { PauseBeforeEnable = true },
        Steps =
        [
            .. s.Steps.Where(step => step is not (PauseStep or StartStep))
                .Select(step => step is WritePacketStep { Kind: PacketKind.InBand } w ? w with { CompletionRequested = false } : step),
            new StartStep(),
        ],
    };

    private static Scenario HeldAtQuota(Scenario s)
    {
        var steps = s.Steps.Where(step => step is not SetQuotaStep).ToArray();
        var first = Array.FindIndex(steps, step => step is WritePacketStep { IsPresentable: true, Policy.IsMisuseProbe: false });
        if (first >= 0 && steps[first] is WritePacketStep w)
            steps[first] = w with { Policy = new ClientPolicy { Kind = PolicyKind.CompleteLater, Response = w.Policy.Response, Delay = steps.Length } };
        return s with { Options = s.Options with { Quota = 1 }, Steps = steps };
    }

    private static Scenario HaltThenChange(Scenario s, uint quota, int delay, bool raise)
    {
        var steps = new List<ScenarioStep>();
        var writes = s.Steps.Count(step => step is WritePacketStep);
        var written = 0;
        foreach (var step in s.Steps.Where(step => step is not SetQuotaStep))
        {
            steps.Add(step is WritePacketStep { IsPresentable: true, Policy.IsMisuseProbe: false } w
                ? w with { Policy = new ClientPolicy { Kind = PolicyKind.CompleteLater, Response = w.Policy.Response, Delay = delay } }
                : step);
            // Once the quota's worth is outstanding (or after the last packet of a short scenario), change the quota.
            if (step is WritePacketStep && ++written == Math.Min(quota + 1, writes))
                steps.Add(new SetQuotaStep { Quota = raise ? quota + 2 : quota - 1 });
        }
        return s with { Options = s.Options with { Quota = quota }, Steps = steps.ToArray() };
    }

    private static Scenario Congest(Scenario s, int responseSize, int seed)
    {
        var steps = s.Steps.Where(step => step is not DrainOutgoingStep).Select(step => step is WritePacketStep { Policy.IsMisuseProbe: false } w
            && w.Policy.Kind is PolicyKind.CompleteInline or PolicyKind.CompleteLater
                ? w with { CompletionRequested = true, Policy = w.Policy with { Response = ScenarioGenerators.Bytes(responseSize, seed + w.Payload.Length) } }
                : step);
        return s with { OutgoingDataSize = 4096, OutgoingStart = s.OutgoingStart % 4096, Steps = steps.ToArray() };
    }
}

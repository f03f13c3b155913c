using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Generation;

/// <summary>
/// Shrinks a scenario towards fewer packets, fewer steps, shorter payloads and responses, simpler policies and
/// simpler options — the candidates are ordered so the greedy shrinker takes the biggest simplifications first.
/// </summary>
internal static class ScenarioShrinker
{
    /// <summary>Simpler variants of <paramref name="s"/>, each already repaired.</summary>
    public static IEnumerable<Scenario> Shrink(Scenario s, ImplementationInfo info) =>
        Candidates(s).Select(c => ScenarioRepair.Repair(c, info)).Where(c => !ReferenceEquals(c, s) && ScenarioJson.SerializeCompact(c) != ScenarioJson.SerializeCompact(s));

    private static IEnumerable<Scenario> Candidates(Scenario s)
    {
        var steps = s.Steps;
        // drop halves, then single steps (packets first)
        if (steps.Length > 1)
        {
            yield return s with { Steps = steps[..(steps.Length / 2)] };
            yield return s with { Steps = steps[(steps.Length / 2)..] };
        }
        // a smaller quota, so fewer packets reach it
        if (s.Options.Quota > 1) yield return s with { Options = s.Options with { Quota = 1 } };
        if (s.Options.Quota > 2) yield return s with { Options = s.Options with { Quota = s.Options.Quota / 2 } };
        for (var i = steps.Length - 1; i >= 0; i--)
            if (steps[i] is WritePacketStep) yield return s with { Steps = Without(steps, i) };
        // one reply fewer, its bytes carried by the reply before it: a failure that needs the outgoing ring full keeps
        // its bytes with one packet less (repair trims a reply longer than the ring takes)
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            if (steps[i] is not WritePacketStep { CompletionRequested: true, Policy.Response.Length: > 0 } dropped) continue;
            var into = Array.FindLastIndex(steps, i, step => step is WritePacketStep { CompletionRequested: true } w && w != dropped);
            if (into < 0 || steps[into] is not WritePacketStep keep) continue;
            var merged = keep with { Policy = keep.Policy with { Response = [.. keep.Policy.Response, .. dropped.Policy.Response] } };
            yield return s with { Steps = Without(Replace(steps, into, merged), i) };
        }
        for (var i = steps.Length - 1; i >= 0; i--)
            if (steps[i] is not WritePacketStep) yield return s with { Steps = Without(steps, i) };
        for (var i = 0; i < steps.Length; i++)
            if (steps[i] is SetQuotaStep { Quota: > 1 } q) yield return s with { Steps = Replace(steps, i, q with { Quota = 1 }) };
        // simpler packets
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is not WritePacketStep w) continue;
            foreach (var simpler in SimplerPacket(w)) yield return s with { Steps = Replace(steps, i, simpler) };
        }
        // simpler geometry and options
        if (s.IncomingStart != 0) yield return s with { IncomingStart = 0 };
        if (s.OutgoingStart != 0) yield return s with { OutgoingStart = 0 };
        if (s.IncomingDataSize > 4096 && s.Packets.All(p => p.Payload.Length < 2048)) yield return s with { IncomingDataSize = 4096, IncomingStart = Math.Min(s.IncomingStart, 4088) };
        if (s.OutgoingDataSize > 4096 && s.Packets.All(p => p.Policy.Response.Length < 1024)) yield return s with { OutgoingDataSize = 4096, OutgoingStart = Math.Min(s.OutgoingStart, 4088) };
        var o = s.Options;
        if (o.ExCallbacks) yield return s with { Options = o with { ExCallbacks = false } };
        if (o.PassiveProcessing) yield return s with { Options = o with { PassiveProcessing = false } };
        if (o.Quota != 0 && !steps.Any(x => x is SetQuotaStep)) yield return s with { Options = o with { Quota = 0 } };
        if (o.ClientContextSize != 0) yield return s with { Options = o with { ClientContextSize = 0 } };
        if (o.ProbeInitAfterEnable) yield return s with { Options = o with { ProbeInitAfterEnable = false } };
        if (o.ProbeRegistration) yield return s with { Options = o with { ProbeRegistration = false } };
        if (o.PauseBeforeEnable) yield return s with { Options = o with { PauseBeforeEnable = false } };
        if (o.OpenedFails) yield return s with { Options = o with { OpenedFails = false } };
        if (!o.ProcessingCompleteCallback) yield return s with { Options = o with { ProcessingCompleteCallback = true } };
        if (s.GuestPages.Any(p => !p.Resident) && !s.Packets.Any(p => p.Policy.Kind == PolicyKind.MisuseCompleteAfterPending))
            yield return s with { GuestPages = s.GuestPages.Select(p => p with { Resident = true }).ToArray() };
        if (s.SchedulerSeed != 0) yield return s with { SchedulerSeed = 0 };
        // unused guest memory only lengthens the printed scenario and its replay line
        var usesPageSets = s.Packets.Any(p => p.Kind == PacketKind.TransferPages);
        var used = s.Packets.SelectMany(p => p.Ranges).SelectMany(r => r.Pages)
            .Concat(usesPageSets ? s.PageSets.SelectMany(p => p.Pages) : []).ToHashSet();
        if (s.GuestPages.Any(p => !used.Contains(p.Page)) || (!usesPageSets && s.PageSets.Length > 0))
            yield return s with
            {
                GuestPages = s.GuestPages.Where(p => used.Contains(p.Page)).ToArray(),
                PageSets = usesPageSets ? s.PageSets : [],
                Steps = s.Steps.Where(x => x is not MakeResidentStep m || used.Contains(m.Page)).ToArray(),
            };
    }

    private static IEnumerable<WritePacketStep> SimplerPacket(WritePacketStep w)
    {
        var p = w.Policy;
        if (p.Kind is PolicyKind.CompleteLater or PolicyKind.DeferThenComplete or PolicyKind.ExternalDataThenComplete or PolicyKind.Fail)
            yield return w with { Policy = new ClientPolicy { Kind = PolicyKind.CompleteInline, Response = p.Response } };
        if (p.Response.Length > 0)
        {
            yield return w with { Policy = p with { Response = [] } };
            if (p.Response.Length > 1) yield return w with { Policy = p with { Response = p.Response[..(p.Response.Length / 2)] } };
        }
        if (p.Kind == PolicyKind.CompleteLater && p.Delay > 1) yield return w with { Policy = p with { Delay = 1 } };
        if (p.Kind == PolicyKind.DeferThenComplete && p.Defers > 1) yield return w with { Policy = p with { Defers = 1 } };
        if (p.Kind == PolicyKind.ExternalDataThenComplete && !p.ReadOnly) yield return w with { Policy = p with { ReadOnly = true } };
        if (w.Payload.Length > 0)
        {
            yield return w with { Payload = [] };
            if (w.Payload.Length > 1) yield return w with { Payload = w.Payload[..(w.Payload.Length / 2)] };
            yield return w with { Payload = w.Payload[..^1] };
        }
        if (w.Ranges.Length > 1) yield return w with { Ranges = w.Ranges[..1] };
        if (w.Ranges.Length == 1 && w.Ranges[0].ByteCount > 1 && w.Kind == PacketKind.TransferPages)
            yield return w with { Ranges = [w.Ranges[0] with { ByteCount = w.Ranges[0].ByteCount / 2 }] };
        if (w.Kind is PacketKind.GpaDirect or PacketKind.TransferPages && w.Policy.Kind is not (PolicyKind.ExternalDataThenComplete or >= PolicyKind.MisuseCompleteTwice))
            yield return w with { Kind = PacketKind.InBand, Ranges = [], PageSetId = 0 };
        if (w.CompletionRequested) yield return w with { CompletionRequested = false };
    }

    private static ScenarioStep[] Without(ScenarioStep[] steps, int index) => steps.Where((_, i) => i != index).ToArray();

    private static ScenarioStep[] Replace(ScenarioStep[] steps, int index, ScenarioStep with)
    {
        var copy = (ScenarioStep[])steps.Clone();
        copy[index] = with;
        return copy;
    }
}

using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Generation;

/// <summary>
/// The concurrency slice (chosen by scenario index, D27): an ordinary scenario run on real threads, its packets answered
/// late and in groups, so several answers fall due at the same step and race each other from DPC and worker threads
/// while the harness goes on writing, signalling, pausing and changing the quota. The interleaving varies from run to
/// run; the scenario does not, so a failure is re-run to tell a fail from a flaky one.
/// </summary>
internal static class ConcurrencySlice
{
    /// <summary>Ordinary scenarios reshaped for the slice; a quota storm or a pause/start pair is added where declared.</summary>
    public static Gen<Scenario> Of(Gen<Scenario> ordinary, ImplementationInfo info) =>
        from s in ordinary
        from size in Gen.Choose(2, 4)
        from storm in Gen.Elements(true, false)
        select ScenarioRepair.Repair(Racing(s, size, storm, info), info);

    private static Scenario Racing(Scenario s, int size, bool storm, ImplementationInfo info)
    {
        var steps = new List<ScenarioStep>();
        var written = 0;
        foreach (var step in s.Steps)
        {
            if (step is not WritePacketStep w) { steps.Add(step); continue; }
            // Packets written in one group fall due together at the group's end, so their answers race.
            var due = size - written % size;
            steps.Add(w.IsPresentable && w.Policy is { IsMisuseProbe: false, Kind: not (PolicyKind.ExternalDataThenComplete or PolicyKind.DeferThenComplete) }
                ? w with { CompletionRequested = true, Policy = new ClientPolicy { Kind = PolicyKind.CompleteLater, Response = w.Policy.Response, Delay = due } }
                : w with { Policy = w.Policy.IsMisuseProbe ? new ClientPolicy { Kind = PolicyKind.CompleteInline, Response = w.Policy.Response } : w.Policy });
            written++;
            if (written % size != 0) continue;
            if (storm && info.Has(ChannelCapabilities.TransactionQuota)) steps.Add(new SetQuotaStep { Quota = (uint)(1 + written % 3) });
            else if (!storm && info.Has(ChannelCapabilities.PauseStart)) steps.AddRange([new PauseStep(), new StartStep()]);
        }
        return s with { Threaded = true, Steps = steps.ToArray() };
    }
}

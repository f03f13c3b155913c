using Vmb.Conformance.Driver;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Running;

/// <summary>Situations of size a run reached, read from its trace: long scenarios, long backlogs, the largest packet.</summary>
internal static class Reach
{
    /// <summary>Data packets waiting at once (sent by the peer, not yet presented) that make a long backlog.</summary>
    public const int Backlog = 32;

    /// <summary>The size situations of <paramref name="run"/>, each once.</summary>
    public static IEnumerable<string> Situations(RunRecord run)
    {
        var sent = run.Events.OfType<StepBegun>().Select(e => e.Step).Distinct().Count(step => step >= 0 && step < run.Scenario.Steps.Length && run.Scenario.Steps[step] is WritePacketStep);
        if (sent >= ScenarioSource.LongScenario) yield return Coverage.LongScenario;
        if (LongestBacklog(run) >= Backlog) yield return Coverage.LongBacklog;
        var largest = WireConstants.MaxTotalForRing(run.Scenario.IncomingDataSize);
        if (run.Events.OfType<PacketWritten>().Any(e => e.Length + WireConstants.TrailerSize == largest)) yield return Coverage.LargestPacket;
    }

    // Most data packets at once that the peer had sent (written, or queued in its backlog for want of room: its write
    // step began) and the channel had not yet presented.
    private static int LongestBacklog(RunRecord run)
    {
        var steps = run.Scenario.Steps;
        var packetAt = new Dictionary<int, int>();
        var packet = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is not WritePacketStep w) continue;
            if (w.IsPresentable) packetAt[i] = packet;
            packet++;
        }
        var waiting = new HashSet<int>();
        var presented = new HashSet<int>();
        var longest = 0;
        foreach (var e in run.Events)
        {
            if (e is StepBegun && packetAt.TryGetValue(e.Step, out var sent) && !presented.Contains(sent))
            {
                waiting.Add(sent);
                longest = Math.Max(longest, waiting.Count);
            }
            else if (e is PresentationBegun { Packet: >= 0 } b && presented.Add(b.Packet))
            {
                waiting.Remove(b.Packet);
            }
        }
        return longest;
    }
}

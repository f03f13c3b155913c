using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Generation;

/// <summary>
/// Makes any step list (generated or shrunk) a legal scenario: Pause only while running, Start only while
/// paused, at most one malformed packet and only as the last packet (D10), nothing after a peer close,
/// residency steps only for evicted pages, quota steps only with a quota.
/// </summary>
public static class ScenarioRepair
{
    /// <summary>The repaired scenario.</summary>
    public static Scenario Repair(Scenario scenario, ImplementationInfo info)
    {
        var evicted = scenario.GuestPages.Where(p => !p.Resident).Select(p => p.Page).ToHashSet();
        var steps = new List<ScenarioStep>();
        var paused = false;
        var malformed = scenario.Steps.OfType<WritePacketStep>().FirstOrDefault(w => w.Kind == PacketKind.Malformed);
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case WritePacketStep { Kind: PacketKind.Malformed }:
                    continue;
                case PauseStep when paused || !info.Has(ChannelCapabilities.PauseStart):
                case StartStep when !paused:
                case MakeResidentStep m when !evicted.Contains(m.Page):
                case SetQuotaStep when scenario.Options.Quota == 0:
                case PeerCloseStep:
                    continue;
                case PauseStep: paused = true; break;
                case StartStep: paused = false; break;
            }
            steps.Add(step);
        }
        if (malformed is not null) steps.Add(malformed);
        if (scenario.Steps.Any(s => s is PeerCloseStep)) steps.Add(new PeerCloseStep());
        return scenario with { Steps = steps.ToArray() };
    }
}

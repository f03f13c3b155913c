using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Generation;

/// <summary>
/// Makes any step list (generated or shrunk) a legal scenario: Pause only while running, Start only while
/// paused, at most one malformed packet and only as the last packet (D10), nothing after a peer close,
/// residency steps only for evicted pages, quota steps only with a quota, no two data packets the client
/// could mistake for each other (see <see cref="Distinct"/>), and every packet within what its ring holds.
/// </summary>
internal static class ScenarioRepair
{
    /// <summary>The repaired scenario.</summary>
    public static Scenario Repair(Scenario scenario, ImplementationInfo info)
    {
        var evicted = scenario.GuestPages.Where(p => !p.Resident).Select(p => p.Page).ToHashSet();
        var steps = new List<ScenarioStep>();
        var paused = scenario.Options.PauseBeforeEnable;
        var malformed = scenario.Steps.OfType<WritePacketStep>().FirstOrDefault(w => w.Kind == PacketKind.Malformed);
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case WritePacketStep { Kind: PacketKind.Malformed }:
                    continue;
                // A reply larger than the outgoing ring can ever hold is a client asking the impossible, never a test of
                // Complete (R-CMPL-8): focus profiles and shrinking can shrink the ring under a reply drawn for a larger one.
                case WritePacketStep w when w.Policy.Response.Length > PacketLimits.MaxReply(scenario.OutgoingDataSize):
                    steps.Add(w with { Policy = w.Policy with { Response = w.Policy.Response[..PacketLimits.MaxReply(scenario.OutgoingDataSize)] } });
                    continue;
                case PauseStep when paused || !info.Has(ChannelCapabilities.PauseStart):
                case StartStep when !paused:
                case MakeResidentStep m when !evicted.Contains(m.Page):
                case SetQuotaStep when scenario.Options.Quota == 0:
                case PauseStep or StartStep or SetQuotaStep when scenario.Options.OpenedFails:
                case PeerCloseStep:
                    continue;
                case PauseStep: paused = true; break;
                case StartStep: paused = false; break;
            }
            steps.Add(step);
        }
        if (malformed is not null) steps.Add(malformed);
        if (scenario.Steps.Any(s => s is PeerCloseStep)) steps.Add(new PeerCloseStep());
        return scenario with { Steps = Fit(Distinct(steps), scenario.IncomingDataSize, scenario.Options.Profile) };
    }

    /// <summary>
    /// A packet with the most ranges its ring holds has no room left for payload; when <see cref="Distinct"/> (or a
    /// shrunk ring) gave it more than fits, its last ranges go until it fits again.
    /// </summary>
    private static ScenarioStep[] Fit(ScenarioStep[] steps, int ringSize, FramingProfile profile)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is not WritePacketStep { Ranges.Length: > 1 } w) continue;
            var ranges = w.Ranges;
            while (ranges.Length > 1 && ScenarioGenerators.MaxPayload(w.Kind, ranges, ringSize, profile) < w.Payload.Length) ranges = ranges[..^1];
            if (ranges.Length != w.Ranges.Length) steps[i] = w with { Ranges = ranges };
        }
        return steps;
    }

    /// <summary>
    /// A payload shorter than the harness's tag leaves the client only resemblance to tell which packet a
    /// presentation is (D31, <c>PresentationIdentity</c>), so two packets that look alike would make a presentation
    /// ambiguous: two data packets on a re-presentation, or a data packet and one that must never be presented (0xB,
    /// 0xA, malformed) when a faulty channel presents either. A cancel carries no payload and keeps its look; of the
    /// others, the first of each look stays and a later lookalike gets its payload extended (when empty) or its last
    /// byte changed (a never-presented packet is never lengthened past what its ring holds). Changes nothing in
    /// scenarios without lookalikes.
    /// </summary>
    public static ScenarioStep[] Distinct(IReadOnlyList<ScenarioStep> steps)
    {
        var seen = steps.OfType<WritePacketStep>().Where(w => w.Kind == PacketKind.Cancel).Select(w => Look(w.Payload)).ToHashSet();
        var result = new ScenarioStep[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            result[i] = steps[i];
            if (steps[i] is not WritePacketStep w || w.Kind == PacketKind.Cancel) continue;
            var payload = w.Payload;
            while (!seen.Add(Look(payload)))
                payload = payload.Length == 0 ? [0x01] : w.IsPresentable && payload[^1] == 0xFF ? [.. payload, 0x01] : [.. payload[..^1], (byte)(payload[^1] + 1)];
            if (!ReferenceEquals(payload, w.Payload)) result[i] = w with { Payload = payload };
        }
        return result;
    }

    private static PayloadLook Look(byte[] payload) => new(payload);

    // Raw framing pads to 8 bytes with zeros, so payloads of one padded length differing only in trailing zeros look alike.
    private readonly struct PayloadLook(byte[] payload) : IEquatable<PayloadLook>
    {
        private readonly ReadOnlyMemory<byte> _significant = payload.AsMemory(0, payload.AsSpan().LastIndexOfAnyExcept((byte)0) + 1);
        private readonly int _padded = Spec.Wire.WireConstants.AlignUp(payload.Length);

        public bool Equals(PayloadLook other) => _padded == other._padded && _significant.Span.SequenceEqual(other._significant.Span);

        public override bool Equals(object? obj) => obj is PayloadLook other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_padded);
            hash.AddBytes(_significant.Span);
            return hash.ToHashCode();
        }
    }
}

using System.Text;
using System.Text.Json.Serialization;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Scenarios;

/// <summary>
/// One run, as plain data: ring geometry (starting offsets make wrap-around common), channel options, guest
/// memory, and the steps of the opposite endpoint and the client. Serialisable (see <see cref="ScenarioJson"/>)
/// and printable (<see cref="Describe"/>); the same scenario on the deterministic environment replays exactly.
/// </summary>
public sealed record Scenario
{
    /// <summary>Incoming ring data-area bytes (multiple of 4096, R-RING-3).</summary>
    public int IncomingDataSize { get; init; } = 4096;

    /// <summary>Initial read and write index of the incoming ring (8-aligned, below the size).</summary>
    public int IncomingStart { get; init; }

    /// <summary>Outgoing ring data-area bytes.</summary>
    public int OutgoingDataSize { get; init; } = 4096;

    /// <summary>Initial indices of the outgoing ring.</summary>
    public int OutgoingStart { get; init; }

    /// <summary>Channel configuration.</summary>
    public ScenarioOptions Options { get; init; } = new();

    /// <summary>Guest pages for external data.</summary>
    public GuestPageSpec[] GuestPages { get; init; } = [];

    /// <summary>Transfer page sets registered before Enable.</summary>
    public TransferPageSetSpec[] PageSets { get; init; } = [];

    /// <summary>The steps, in order.</summary>
    public ScenarioStep[] Steps { get; init; } = [];

    /// <summary>Seed of the deterministic scheduler.</summary>
    public int SchedulerSeed { get; init; }

    /// <summary>Run on real threads (stress); such runs are not bit-exact on replay.</summary>
    public bool Threaded { get; init; }

    /// <summary>The packets written, in step order.</summary>
    [JsonIgnore]
    public IEnumerable<WritePacketStep> Packets => Steps.OfType<WritePacketStep>();

    /// <summary>Number of packets written.</summary>
    [JsonIgnore]
    public int PacketCount => Steps.Count(s => s is WritePacketStep);

    /// <summary>True when some packet's policy is a misuse probe: only the R-MIS checks judge such runs.</summary>
    [JsonIgnore]
    public bool HasMisuseProbe => Packets.Any(p => p.Policy.IsMisuseProbe);

    /// <summary>The scenario for a person: one line per setting and per step.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"rings: incoming {IncomingDataSize} B from offset {IncomingStart}, outgoing {OutgoingDataSize} B from offset {OutgoingStart}");
        var o = Options;
        text.AppendLine($"options: profile {o.Profile}, passive {o.PassiveProcessing}, quota {(o.Quota == 0 ? "unset" : o.Quota)}, " +
                        $"{(o.ExCallbacks ? "Ex callbacks" : "legacy callbacks")}, processing-complete {o.ProcessingCompleteCallback}, " +
                        $"client context {o.ClientContextSize} B{(o.ProbeInitAfterEnable ? ", Init* probe after Enable" : "")}{(o.ProbeRegistration ? ", registration probes" : "")}{(o.PauseBeforeEnable ? ", paused before Enable" : "")}{(o.OpenedFails ? ", Opened fails" : "")}");
        text.AppendLine($"environment: {(Threaded ? "threaded" : $"deterministic, seed {SchedulerSeed}")}");
        foreach (var page in GuestPages.Where(p => !p.Resident)) text.AppendLine($"guest page 0x{page.Page:X} starts non-resident");
        foreach (var set in PageSets) text.AppendLine($"transfer page set {set.Id}: pages {string.Join(",", set.Pages.Select(p => $"0x{p:X}"))}");
        var packet = 0;
        for (var i = 0; i < Steps.Length; i++)
            text.AppendLine($"{i,3}: {DescribeStep(Steps[i], Steps[i] is WritePacketStep ? packet++ : -1)}");
        return text.ToString();
    }

    private string DescribeStep(ScenarioStep step, int packet) => step switch
    {
        WritePacketStep w => $"write packet #{packet} {DescribeKind(w)} tid {w.TransactionId}{(w.CompletionRequested ? " completion-requested" : "")}, " +
                             $"payload {w.Payload.Length} B{Preview(w.Payload)}{DescribeRanges(w)} → client: {w.Policy}",
        SignalStep => "signal",
        MakeResidentStep m => $"make page 0x{m.Page:X} resident",
        DrainOutgoingStep => "drain outgoing ring",
        PeerCloseStep => "peer closes",
        PauseStep => "client: pause",
        StartStep => "client: start",
        SetQuotaStep q => $"client: set quota {q.Quota}",
        _ => step.ToString(),
    };

    private static string DescribeKind(WritePacketStep w) => w.Kind switch
    {
        PacketKind.InBand => "in-band 0x6",
        PacketKind.TransferPages => $"transfer-pages 0x7 (set {w.PageSetId})",
        PacketKind.GpaDirect => "gpa-direct 0x9",
        PacketKind.Completion => "completion 0xB",
        PacketKind.Cancel => "cancel 0xA",
        _ => $"malformed ({w.Malformation})",
    };

    private static string DescribeRanges(WritePacketStep w) =>
        w.Ranges.Length == 0 ? "" : $", ranges {string.Join(" ", w.Ranges.Select(r => r.ToString()))}";

    private static string Preview(byte[] payload) =>
        payload.Length == 0 ? "" : $" [{Convert.ToHexString(payload, 0, Math.Min(payload.Length, 8))}{(payload.Length > 8 ? "…" : "")}]";

    /// <summary>Checks the scenario's own consistency; returns the first problem as (field, message) or null.</summary>
    public (string Field, string Message)? Validate()
    {
        if (Spec.Memory.RingLayout.CheckDataSize(IncomingDataSize) is { } inSize) return ("incomingDataSize", inSize);
        if (Spec.Memory.RingLayout.CheckDataSize(OutgoingDataSize) is { } outSize) return ("outgoingDataSize", outSize);
        if (IncomingStart < 0 || IncomingStart >= IncomingDataSize || IncomingStart % WireConstants.Alignment != 0)
            return ("incomingStart", $"{IncomingStart} is not an 8-aligned offset below {IncomingDataSize}");
        if (OutgoingStart < 0 || OutgoingStart >= OutgoingDataSize || OutgoingStart % WireConstants.Alignment != 0)
            return ("outgoingStart", $"{OutgoingStart} is not an 8-aligned offset below {OutgoingDataSize}");
        var pages = GuestPages.Select(p => p.Page).ToHashSet();
        for (var i = 0; i < PageSets.Length; i++)
            foreach (var page in PageSets[i].Pages)
                if (!pages.Contains(page)) return ($"pageSets[{i}].pages", $"page 0x{page:X} is not among guestPages");
        for (var i = 0; i < Steps.Length; i++)
        {
            switch (Steps[i])
            {
                case null: return ($"steps[{i}]", "missing step");
                case WritePacketStep w:
                    foreach (var r in w.Ranges)
                        foreach (var p in r.Pages)
                            if (!pages.Contains(p)) return ($"steps[{i}].ranges", $"page 0x{p:X} is not among guestPages");
                    if (w.Kind == PacketKind.TransferPages && PageSets.All(s => s.Id != w.PageSetId))
                        return ($"steps[{i}].pageSetId", $"transfer page set {w.PageSetId} is not among pageSets");
                    if (w.Kind == PacketKind.Malformed && w.Malformation == Malformation.None)
                        return ($"steps[{i}].malformation", "a malformed packet needs a malformation");
                    if (w.Policy is null) return ($"steps[{i}].policy", "missing");
                    // A packet that cannot fit the incoming ring, or an answer that cannot fit the outgoing one, is no
                    // scenario the harness can drive: the value is impossible, not a finding about the implementation.
                    if (w.Kind != PacketKind.Malformed && w.Payload.Length > Generation.PacketLimits.MaxPayload(w, IncomingDataSize, Options.Profile))
                        return ($"steps[{i}].payload", $"{w.Payload.Length} B does not fit a {IncomingDataSize}-byte ring with this packet's headers " +
                                                       $"(at most {Math.Max(0, Generation.PacketLimits.MaxPayload(w, IncomingDataSize, Options.Profile))} B)");
                    if (w.Policy.Delay < 0) return ($"steps[{i}].policy.delay", $"{w.Policy.Delay} is negative; a delay counts scenario steps");
                    if (w.Policy.Defers < 0) return ($"steps[{i}].policy.defers", $"{w.Policy.Defers} is negative");
                    if (w.Policy.Response.Length > Generation.PacketLimits.MaxReply(OutgoingDataSize))
                        return ($"steps[{i}].policy.response", $"{w.Policy.Response.Length} B does not fit a {OutgoingDataSize}-byte outgoing ring (at most {Generation.PacketLimits.MaxReply(OutgoingDataSize)} B)");
                    break;
                case MakeResidentStep m when !pages.Contains(m.Page):
                    return ($"steps[{i}].page", $"page 0x{m.Page:X} is not among guestPages");
                case SetQuotaStep { Quota: 0 }:
                    return ($"steps[{i}].quota", "a quota must be above zero (R-QUO-1)");
            }
        }
        return null;
    }
}

using Vmb.Conformance.Driver;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Running;

/// <summary>Generator coverage: how often each situation the suite must provoke actually happened in a run.</summary>
public sealed class Coverage
{
    private readonly Dictionary<string, int> _counts = new();

    /// <summary>The situations a default run must reach (each must be counted at least once).</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "wrap-around", "incoming-ring-full", "outgoing-ring-full", "quota-reached", "pause-while-pending", "external-data-pending",
        .. Enum.GetValues<PacketKind>().Select(k => $"packet:{k}"),
        .. Enum.GetValues<PolicyKind>().Where(p => p < PolicyKind.MisuseCompleteTwice).Select(p => $"policy:{p}"),
    ];

    /// <summary>Counts so far.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Required situations never reached.</summary>
    public IEnumerable<string> Missing => Required.Where(k => _counts.GetValueOrDefault(k) == 0);

    /// <summary>Adds one run.</summary>
    public void Add(RunRecord run)
    {
        var f = run.Facts;
        Count("wrap-around", f.WrapAround);
        Count("incoming-ring-full", f.IncomingRingFull);
        Count("outgoing-ring-full", f.OutgoingRingFull);
        Count("quota-reached", f.QuotaReached);
        Count("pause-while-pending", f.PauseWhilePending);
        Count("external-data-pending", f.ExternalDataPending);
        var packets = run.Scenario.Packets.ToArray();
        foreach (var kind in run.Events.Where(e => e.Kind == TraceKind.PacketWritten).Select(e => packets[e.Packet].Kind).Distinct())
            Count($"packet:{kind}", true);
        foreach (var policy in run.Events.Where(e => e.Kind == TraceKind.PresentationBegun && e.Packet >= 0).Select(e => packets[e.Packet].Policy.Kind).Distinct())
            Count($"policy:{policy}", true);
        Count($"outcome:{run.Outcome}", true);
    }

    private void Count(string key, bool happened)
    {
        if (happened) _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }
}

namespace Vmb.Conformance.Tracing;

/// <summary>The ordered events of one run. Recording is thread-safe; reading happens after the run.</summary>
public sealed class Trace
{
    private readonly List<TraceEvent> _events = new();
    private readonly Lock _gate = new();

    /// <summary>The events, in the order they happened.</summary>
    public IReadOnlyList<TraceEvent> Events { get { lock (_gate) return _events.ToArray(); } }

    /// <summary>Events so far.</summary>
    public int Count { get { lock (_gate) return _events.Count; } }

    /// <summary>Appends an event, assigning its index and thread.</summary>
    public TraceEvent Add(TraceEvent e)
    {
        lock (_gate)
        {
            var stamped = e with { Index = _events.Count, Thread = Environment.CurrentManagedThreadId };
            _events.Add(stamped);
            return stamped;
        }
    }

    /// <summary>The events around <paramref name="index"/>, one per line, for counterexamples.</summary>
    public static string Excerpt(IReadOnlyList<TraceEvent> events, int? index, int before = 12, int after = 3)
    {
        if (events.Count == 0) return "(empty trace)";
        var at = index ?? events.Count - 1;
        var from = Math.Max(0, at - before);
        var to = Math.Min(events.Count - 1, at + after);
        var lines = new List<string>();
        for (var i = from; i <= to; i++) lines.Add($"{(i == index ? ">> " : "   ")}{events[i]}");
        return string.Join(Environment.NewLine, lines);
    }
}

using System.Diagnostics;
using System.Globalization;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Cli;

/// <summary>
/// A progress line on a terminal for long runs: scenarios done of total, rate, rules failed so far, level; for
/// `run --all`, implementations finished. Silent when the error stream is redirected, so logs and pipes stay clean.
/// </summary>
internal sealed class Progress
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private readonly TextWriter? _terminal;
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan _last = -Every;

    private Progress(TextWriter? terminal) => _terminal = terminal;

    /// <summary>Draws on <paramref name="error"/> only when it is the console's error stream and that is a terminal.</summary>
    public static Progress For(TextWriter error) =>
        new(ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? error : null);

    /// <summary>Draws on <paramref name="terminal"/> whatever it is (tests).</summary>
    internal static Progress To(TextWriter terminal) => new(terminal);

    /// <summary>A progress that never draws.</summary>
    public static Progress Silent { get; } = new(null);

    /// <summary>The engine's per-scenario callback, or null when nothing is drawn (so the engine does no work for it).</summary>
    public Action<RunProgress>? Scenarios => _terminal is null ? null : Scenario;

    private void Scenario(RunProgress p)
    {
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0;
        Draw(string.Create(CultureInfo.InvariantCulture, $"{p.Level}: {p.Done}/{p.Total} scenarios, {rate:0} /s, {p.FailedRules} rule(s) failed so far"), p.Done == p.Total);
    }

    /// <summary>One implementation of a multi-implementation run finished.</summary>
    public void Finished(int done, int total, string what) => Draw($"{done}/{total} implementations judged (last: {what})", done == total);

    private void Draw(string line, bool last)
    {
        if (_terminal is null) return;
        lock (_gate)
        {
            if (!last && _since.Elapsed - _last < Every) return;
            _last = _since.Elapsed;
            // One line redrawn in place; the final one is cleared so the summary that follows starts clean.
            _terminal.Write("\r\x1b[2K" + (last ? "" : line));
            _terminal.Flush();
        }
    }
}

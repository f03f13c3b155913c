using System.Diagnostics.CodeAnalysis;

namespace Vmb.Conformance.Engine;

/// <summary>
/// Runs the implementation on a worker thread so the core survives a plug-in that never returns: past the wall-clock
/// limit the worker is abandoned and the run reported as a timeout. In-process code cannot be killed, so the core stops
/// the run after the first such timeout (D24) and points the user to running the implementation out of process.
/// </summary>
public sealed class Watchdog : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly SemaphoreSlim _work = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly Thread _worker;
    private Action? _next;
    private Exception? _thrown;
    private bool _stopping;

    /// <summary>A watchdog whose runs may each take up to <paramref name="limit"/> of wall-clock time.</summary>
    public Watchdog(TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(limit), "the watchdog limit must be positive");
        _limit = limit;
        // A background thread: an abandoned, spinning implementation must not keep the process alive.
        _worker = new Thread(Loop) { IsBackground = true, Name = "vmb-conformance watchdog worker" };
        _worker.Start();
    }

    /// <summary>True once a run overran the limit; the worker is then lost and no further run is accepted.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>Runs <paramref name="work"/> on the worker; false when it overran the limit (its result is then unknown).</summary>
    /// <exception cref="InvalidOperationException">A previous run overran the limit.</exception>
    public bool TryRun<T>(Func<T> work, [MaybeNullWhen(false)] out T result)
    {
        if (Abandoned) throw new InvalidOperationException("the watchdog abandoned its worker after a timeout");
        var value = default(T);
        _next = () => value = work();
        _work.Release();
        if (!_done.Wait(_limit))
        {
            Abandoned = true;
            result = default;
            return false;
        }
        if (_thrown is { } e)
        {
            _thrown = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }
        result = value!;
        return true;
    }

    /// <summary>The limit as a person reads it.</summary>
    public string LimitText => _limit.TotalSeconds >= 1 ? $"{_limit.TotalSeconds:0.#} s" : $"{_limit.TotalMilliseconds:0} ms";

    /// <inheritdoc />
    public void Dispose()
    {
        if (Abandoned) return;
        _stopping = true;
        _work.Release();
        _worker.Join();
        _work.Dispose();
        _done.Dispose();
    }

    private void Loop()
    {
        while (true)
        {
            _work.Wait();
            if (_stopping) return;
            try { _next!(); }
            catch (Exception e) { _thrown = e; }
            _done.Release();
        }
    }
}

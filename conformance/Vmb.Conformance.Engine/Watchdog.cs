using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Vmb.Conformance.Engine;

/// <summary>
/// Runs the implementation on a worker thread so the core survives a plug-in that never returns. Work reports
/// progress through a heartbeat; when no heartbeat comes within the wall-clock limit, the worker is abandoned and the
/// work reported as timed out. In-process code cannot be killed, so the core stops the run after the first such
/// timeout (D24) and points the user to running the implementation out of process. A whole run of scenarios is one
/// piece of work with a heartbeat per scenario, so watching costs a timestamp per scenario, not a thread switch.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly SemaphoreSlim _work = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly Lock _gate = new();
    private readonly Thread _worker;
    private Action? _next;
    private Exception? _thrown;
    private long _lastBeat;
    private bool _stopping;

    /// <summary>A watchdog whose work must beat at least once per <paramref name="limit"/> of wall-clock time.</summary>
    public Watchdog(TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(limit), "the watchdog limit must be positive");
        _limit = limit;
        // A background thread: an abandoned, spinning implementation must not keep the process alive.
        _worker = new Thread(Loop) { IsBackground = true, Name = "vmb-conformance watchdog worker" };
        _worker.Start();
    }

    /// <summary>True once work overran the limit; the worker is then lost and no further work is accepted.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>The limit as a person reads it.</summary>
    public string LimitText => _limit.TotalSeconds >= 1 ? $"{_limit.TotalSeconds:0.#} s" : $"{_limit.TotalMilliseconds:0} ms";

    /// <summary>
    /// Runs <paramref name="work"/> on the worker, handing it the heartbeat to call before each step that may hang;
    /// false when a step overran the limit. An exception the work throws is rethrown here.
    /// </summary>
    /// <exception cref="InvalidOperationException">Earlier work overran the limit.</exception>
    public bool TryRun(Action<Action> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Abandoned) throw new InvalidOperationException("the watchdog abandoned its worker after a timeout");
        Beat();
        _next = () => work(Beat);
        _work.Release();
        var wait = _limit;
        while (!_done.Wait(wait))
        {
            var quiet = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastBeat));
            if (quiet >= _limit)
            {
                lock (_gate) Abandoned = true;
                return false;
            }
            wait = _limit - quiet;
        }
        if (_thrown is { } e)
        {
            _thrown = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }
        return true;
    }

    /// <summary>Runs one call into the implementation on the worker; false when it overran the limit (its result is then unknown).</summary>
    public bool TryRun<T>(Func<T> work, [MaybeNullWhen(false)] out T result)
    {
        var value = default(T);
        if (!TryRun(_ => value = work()))
        {
            result = default;
            return false;
        }
        result = value!;
        return true;
    }

    /// <summary>
    /// From the work: runs <paramref name="action"/> unless the work has been abandoned meanwhile, so a worker that
    /// returns late never touches what the caller has moved on with. False when abandoned.
    /// </summary>
    public bool Commit(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            if (Abandoned) return false;
            action();
            return true;
        }
    }

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

    private void Beat() => Volatile.Write(ref _lastBeat, Stopwatch.GetTimestamp());

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

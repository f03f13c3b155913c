using System.Collections.Concurrent;
using Vmb.Spec.Kmcl;

namespace Vmb.Spec.Environment;

/// <summary>
/// An environment on real threads for stress runs: dispatch work on its own threads, passive work on others.
/// A work item that throws is recorded in <see cref="Faults"/>, not lost. Dispose stops the threads.
/// </summary>
public sealed class ThreadedEnvironment : IExecutionEnvironment, IDisposable
{
    private readonly BlockingCollection<Action> _dispatch = new();
    private readonly BlockingCollection<Action> _passive = new();
    private readonly ThreadLocal<Irql> _irql = new(() => Irql.Passive);
    private readonly List<ManualResetEventSlim> _threads = new();
    private readonly ConcurrentQueue<Exception> _faults = new();
    private readonly object _idle = new();
    private long _inFlight;

    /// <summary>Starts <paramref name="dispatchThreads"/> DPC threads and <paramref name="passiveThreads"/> workers.</summary>
    public ThreadedEnvironment(int dispatchThreads = 2, int passiveThreads = 2)
    {
        for (var i = 0; i < dispatchThreads; i++) Start(_dispatch, Irql.Dispatch);
        for (var i = 0; i < passiveThreads; i++) Start(_passive, Irql.Passive);
    }

    /// <inheritdoc />
    public Irql CurrentIrql => _irql.Value;

    /// <inheritdoc />
    public TimeProvider Time => TimeProvider.System;

    /// <summary>Exceptions thrown by work items.</summary>
    public IReadOnlyCollection<Exception> Faults => _faults.ToArray();

    /// <inheritdoc />
    public void QueueDispatch(Action work) => Enqueue(_dispatch, work);

    /// <inheritdoc />
    public void QueuePassive(Action work) => Enqueue(_passive, work);

    /// <summary>Runs <paramref name="action"/> on the calling thread as if at <paramref name="irql"/>.</summary>
    public void RunAt(Irql irql, Action action)
    {
        var saved = _irql.Value;
        _irql.Value = irql;
        try { action(); }
        finally { _irql.Value = saved; }
    }

    /// <summary>Waits until no work is queued or running, or the timeout passes; true when idle.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        // Woken by the last work item to finish, not by polling: a sleep per poll costs a millisecond or more each time.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        lock (_idle)
        {
            while (Interlocked.Read(ref _inFlight) != 0)
            {
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(_idle, left);
            }
        }
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dispatch.CompleteAdding();
        _passive.CompleteAdding();
        foreach (var thread in _threads) thread.Wait(TimeSpan.FromSeconds(5));
        _irql.Dispose();
    }

    private void Enqueue(BlockingCollection<Action> queue, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Interlocked.Increment(ref _inFlight);
        queue.Add(work);
    }

    // On a kept thread (EnvironmentThreads): the environment's threads serve it alone until Dispose, as new ones would.
    private void Start(BlockingCollection<Action> queue, Irql level) =>
        _threads.Add(EnvironmentThreads.Run(() =>
        {
            // A kept thread that was busy past Dispose's wait finds the environment gone, with nothing left to serve.
            try { _irql.Value = level; }
            catch (ObjectDisposedException) { return; }
            foreach (var work in queue.GetConsumingEnumerable())
            {
                try { work(); }
                catch (Exception e) { _faults.Enqueue(e); }
                finally
                {
                    if (Interlocked.Decrement(ref _inFlight) == 0)
                        lock (_idle) Monitor.PulseAll(_idle);
                }
            }
        }));
}

using Vmb.Spec.Kmcl;

namespace Vmb.Spec.Environment;

/// <summary>
/// A single-threaded environment with a seeded virtual scheduler: queued dispatch and passive work runs only
/// when the harness steps it, in an order drawn from the seed, so a run replays bit for bit. Not thread-safe
/// by design: everything happens on the harness's thread.
/// </summary>
public sealed class DeterministicEnvironment : IExecutionEnvironment
{
    private readonly Queue<Action> _dispatch = new();
    private readonly Queue<Action> _passive = new();
    private readonly Random _random;
    private Irql _current = Irql.Passive;

    /// <summary>Creates the scheduler; equal seeds give equal interleavings.</summary>
    public DeterministicEnvironment(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The seed this scheduler was made with.</summary>
    public int Seed { get; }

    /// <summary>The virtual clock.</summary>
    public VirtualClock Clock { get; } = new();

    /// <inheritdoc />
    public TimeProvider Time => Clock;

    /// <inheritdoc />
    public Irql CurrentIrql => _current;

    /// <summary>Work items queued and not yet run.</summary>
    public int Pending => _dispatch.Count + _passive.Count;

    /// <summary>Work items run so far.</summary>
    public long StepsRun { get; private set; }

    /// <inheritdoc />
    public void QueueDispatch(Action work) => _dispatch.Enqueue(work ?? throw new ArgumentNullException(nameof(work)));

    /// <inheritdoc />
    public void QueuePassive(Action work) => _passive.Enqueue(work ?? throw new ArgumentNullException(nameof(work)));

    /// <summary>Runs <paramref name="action"/> now, as the harness, at <paramref name="irql"/> (e.g. an interrupt at DISPATCH_LEVEL).</summary>
    public void RunAt(Irql irql, Action action)
    {
        var saved = _current;
        _current = irql;
        try { action(); }
        finally { _current = saved; }
    }

    /// <summary>
    /// Runs one queued item. When both queues hold work the seed picks which runs, so DPCs and passive
    /// workers interleave in every order a real machine allows. Returns false when nothing was queued.
    /// </summary>
    public bool RunOne()
    {
        Queue<Action> from;
        Irql level;
        if (_dispatch.Count > 0 && (_passive.Count == 0 || _random.Next(2) == 0)) { from = _dispatch; level = Irql.Dispatch; }
        else if (_passive.Count > 0) { from = _passive; level = Irql.Passive; }
        else return false;
        var work = from.Dequeue();
        StepsRun++;
        RunAt(level, work);
        return true;
    }

    /// <summary>Runs queued work until none is left or <paramref name="maxSteps"/> items ran; true when idle.</summary>
    public bool RunUntilIdle(int maxSteps = 1_000_000)
    {
        for (var i = 0; i < maxSteps; i++)
            if (!RunOne()) return true;
        return Pending == 0;
    }

    /// <summary>Runs queued work until <paramref name="done"/> holds, the queues empty, or the step budget is spent.</summary>
    public bool RunUntil(Func<bool> done, int maxSteps = 1_000_000)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (done()) return true;
            if (!RunOne()) return done();
        }
        return done();
    }
}

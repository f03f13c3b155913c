using System.Collections.Concurrent;

namespace Vmb.Spec.Environment;

/// <summary>
/// Threads kept between threaded environments: starting a thread costs a few hundred microseconds here, and a run of
/// the suite makes an environment of four threads for every scenario on real threads. A thread left idle for a while
/// ends; one whose work never returns is simply never back, and a new one is started when none is free.
/// </summary>
internal static class EnvironmentThreads
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(10);
    private static readonly BlockingCollection<(Action Body, ManualResetEventSlim Done)> Queued = new();

    // Idle threads not yet promised to queued work: never negative once Run has added its work.
    private static int _spare;
    private static long _started;

    /// <summary>Threads started so far.</summary>
    public static long Started => Interlocked.Read(ref _started);

    /// <summary>Runs <paramref name="body"/> on a kept thread (a new one if none is free); the event is set when it returns.</summary>
    public static ManualResetEventSlim Run(Action body)
    {
        var done = new ManualResetEventSlim();
        if (Interlocked.Decrement(ref _spare) < 0)
        {
            Interlocked.Increment(ref _spare);
            Interlocked.Increment(ref _started);
            // The new thread comes promised: it takes one queued item before it counts as spare.
            new Thread(Loop) { IsBackground = true, Name = "vmb-environment" }.Start();
        }
        Queued.Add((body, done));
        return done;
    }

    private static void Loop()
    {
        while (true)
        {
            if (!Queued.TryTake(out var item, IdleLimit))
            {
                // Leave only as a spare thread: were every idle thread promised, queued work would wait on this one.
                if (Interlocked.Decrement(ref _spare) >= 0) return;
                Interlocked.Increment(ref _spare);
                continue;
            }
            try { item.Body(); }
            finally
            {
                // Spare before the owner hears it is done, so an environment made right after it finds this thread.
                Interlocked.Increment(ref _spare);
                item.Done.Set();
            }
        }
    }
}

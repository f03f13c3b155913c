using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;

namespace Vmb.Spec.Tests.Environment;

/// <summary>Threaded environments run on kept threads: one made after another reuses its threads, and work that never returns holds only its own.</summary>
public class ThreadedEnvironmentTests
{
    private static int ThreadOf(ThreadedEnvironment environment, Irql level)
    {
        var id = -1;
        var seen = Irql.Device;
        Action work = () => { id = System.Environment.CurrentManagedThreadId; seen = environment.CurrentIrql; };
        if (level == Irql.Dispatch) environment.QueueDispatch(work);
        else environment.QueuePassive(work);
        Assert.True(environment.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(level, seen);
        return id;
    }

    [Fact]
    public void An_environment_made_after_another_runs_on_threads_kept_from_it_at_its_own_levels()
    {
        var before = EnvironmentThreads.Started;
        using (var environment = new ThreadedEnvironment(1, 1))
        {
            ThreadOf(environment, Irql.Dispatch);
            ThreadOf(environment, Irql.Passive);
        }
        using var next = new ThreadedEnvironment(1, 1);
        var threads = new[] { ThreadOf(next, Irql.Dispatch), ThreadOf(next, Irql.Passive) };
        // The first environment may have started two threads (none were kept yet); the second starts none.
        Assert.InRange(EnvironmentThreads.Started - before, 0, 2);
        Assert.DoesNotContain(System.Environment.CurrentManagedThreadId, threads);
    }

    [Fact]
    public void Work_that_never_returns_does_not_keep_the_next_environment_from_running()
    {
        using var release = new ManualResetEventSlim();
        var stuck = new ThreadedEnvironment(1, 1);
        stuck.QueueDispatch(() => release.Wait());
        try
        {
            using var next = new ThreadedEnvironment(2, 2);
            ThreadOf(next, Irql.Dispatch);
            ThreadOf(next, Irql.Passive);
        }
        finally
        {
            release.Set();
            stuck.Dispose();
        }
    }
}

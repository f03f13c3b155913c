using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Environment;
using Xunit.Abstractions;

namespace Vmb.Kmcl.Tests.Properties;

/// <summary>
/// The same invariants on real threads: DPCs and passive workers of the threaded environment, and later
/// completions racing from three client threads. Every run is bounded by a deadline, so a lost wakeup shows
/// up as a failed run, never as a hung test.
/// </summary>
public class ThreadedChannelProperties(ITestOutputHelper output)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void R_CMPL_1_R_SYNC_1_R_SYNC_4_MUST_core_invariants_hold_with_completions_racing_from_several_threads()
    {
        var coverage = new ChannelCoverage();
        Prop.ForAll(ChannelScenarioArbitrary.Scenarios(), scenario =>
            {
                var failure = Run(scenario, coverage);
                return (failure is null).Label(failure ?? "ok");
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(30));
        output.WriteLine(coverage.ToString());
        Assert.True(coverage.LaterCompletions > 0 && coverage.Deferrals > 0 && coverage.ExternalViews > 0, "the racing policies never ran");
        // Quota stalls are counted too, but whether one is seen depends on timing, so only pauses are required.
        Assert.True(coverage.Pauses > 0, "the channel was never paused");
    }

    /// <summary>Pauses or starts from the peer's thread while packets flow and complete elsewhere (R-SYNC-8).</summary>
    private static void TogglePause(ChannelHarness h, Random order, List<Task> pauses, ref bool paused, ChannelCoverage coverage)
    {
        if (!paused && order.Next(8) == 0)
        {
            pauses.Add(h.Channel.Pause());
            paused = true;
            Interlocked.Increment(ref coverage.Pauses);
        }
        else if (paused && order.Next(3) == 0)
        {
            h.Channel.Start();
            paused = false;
        }
    }

    internal static string? Run(ChannelScenario scenario, ChannelCoverage coverage)
    {
        var run = new ScenarioRun(scenario, coverage);
        var environment = new ThreadedEnvironment(dispatchThreads: 2, passiveThreads: 2);
        using var h = new ChannelHarness(run.Options, scenario.RingSize, scenario.RingSize, scenario.StartOffset, environment: environment);
        var completions = new List<ReadCompletion>();
        var written = 0;
        var stop = 0;
        var pauses = new List<Task>();
        var paused = false;
        var completers = Enumerable.Range(0, 3).Select(i => new Thread(() =>
        {
            var jitter = new Random(scenario.Seed + i);
            while (Volatile.Read(ref stop) == 0)
            {
                if (run.TryTakeHeld(out var index, out var packet))
                {
                    Thread.SpinWait(jitter.Next(0, 200));
                    run.CompleteLater(index, packet);
                }
                else Thread.Yield();
            }
        }) { IsBackground = true, Name = $"client-{i}" }).ToList();
        var clock = Stopwatch.StartNew();
        try
        {
            run.Configure(h);
            Assert.Equal(0, h.Channel.Enable());
            completers.ForEach(t => t.Start());
            var order = new Random(scenario.Seed);
            while (!run.Finished(written) && clock.Elapsed < RunDeadline)
            {
                var refused = false;
                var doorbell = false;
                for (var k = 0; k < scenario.Chunk && written < run.Packets.Length; k++)
                {
                    if (!run.TryWrite(h, written, out var signal)) { refused = true; break; }
                    doorbell |= signal;
                    written++;
                }
                if (doorbell) h.Channel.Signal();
                if (order.Next(2) == 0) ScenarioRun.MakeAllResident(h);
                if (scenario.PauseStart) TogglePause(h, order, pauses, ref paused, coverage);
                if (scenario.Quota > 0 && h.Channel.Outstanding >= scenario.Quota) Interlocked.Increment(ref coverage.QuotaStalls);
                completions.AddRange(h.TakeCompletions());
                if (refused) Thread.Sleep(1); // the ring is full: give the channel's threads the cores
                else Thread.Yield();
            }
            if (paused) h.Channel.Start();
            while (!run.Finished(written) && clock.Elapsed < RunDeadline)
            {
                h.Channel.Signal(); // packets written while paused wait in the ring until the last Start (R-PAUSE-8)
                completions.AddRange(h.TakeCompletions());
                Thread.Sleep(1);
            }
            if (!Task.WaitAll([.. pauses], TimeSpan.FromSeconds(5))) run.Error("timeout: a Pause never completed (R-PAUSE-3)");
            if (!run.Finished(written)) run.Error($"timeout: the run did not finish within {RunDeadline.TotalSeconds} s ({written} of {run.Packets.Length} written)");
        }
        catch (Exception e)
        {
            run.Error($"exception: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            completers.Where(t => t.IsAlive).ToList().ForEach(t => t.Join(TimeSpan.FromSeconds(2)));
        }
        // Let the last run end (its ProcessingComplete) and every queued reply reach the peer.
        for (var i = 0; i < 20; i++)
        {
            if (!environment.WaitIdle(TimeSpan.FromSeconds(2))) run.Error("timeout: the environment did not become idle");
            completions.AddRange(h.TakeCompletions());
            if (h.Channel.CompletionsWaiting == 0 && environment.WaitIdle(TimeSpan.FromSeconds(2))) break;
        }
        completions.AddRange(h.TakeCompletions());
        foreach (var fault in environment.Faults) run.Error($"work item fault: {fault.GetType().Name}: {fault.Message}");
        return run.Verdict(h, completions, written);
    }
}

using FsCheck;
using FsCheck.Fluent;
using Vmb.Kmcl.Tests.Harness;
using Xunit.Abstractions;

namespace Vmb.Kmcl.Tests.Properties;

/// <summary>
/// The three core invariants (completed exactly once; Buffer and BufferLength exclude every header; external
/// data only when flagged) and their neighbours, over random packet streams and client policies, in the
/// deterministic environment: a failure shrinks to a minimal scenario that replays exactly.
/// </summary>
public class DeterministicChannelProperties(ITestOutputHelper output)
{
    [Fact]
    public void R_CMPL_1_R_PP_5_R_PP_7_R_PP_24_R_EXT_2_R_EXT_5_MUST_core_invariants_hold_in_the_deterministic_environment()
    {
        var coverage = new ChannelCoverage();
        Prop.ForAll(ChannelScenarioArbitrary.Scenarios(), scenario =>
            {
                var failure = Run(scenario, coverage);
                return (failure is null).Label(failure ?? "ok");
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(120));
        output.WriteLine(coverage.ToString());
        Assert.True(coverage.WrapArounds > 0, "no packet straddled the end of the ring");
        Assert.True(coverage.FullRefusals > 0, "the incoming ring was never full");
        Assert.True(coverage.Deferrals > 0 && coverage.Pendings > 0 && coverage.ExternalViews > 0, "defer, pending or views never happened");
        Assert.True(coverage.LaterCompletions > 0 && coverage.Failures > 0, "later completions or failures never happened");
        Assert.True(coverage.QueuedReplies > 0 && coverage.QuotaStalls > 0, "no reply ever waited for room, or the quota never stalled intake");
        Assert.True(coverage.Pauses > 0, "the channel was never paused");
    }

    /// <summary>Ends the run with Disable or a peer close: Suspend (when started), then Closed (R-LIFE-16, D19).</summary>
    private static void CloseDown(ChannelHarness h, ScenarioRun run, bool peerCloses)
    {
        var disable = peerCloses ? null : h.Channel.Disable();
        if (peerCloses) h.Channel.NotifyPeerClosed();
        h.Run();
        if (disable is { IsCompletedSuccessfully: false }) run.Error("Disable did not complete once everything was answered (R-LIFE-16)");
        var log = h.Client.Log;
        if (log.Count == 0 || log[^1] != "Closed") run.Error($"the run did not end with Closed but with {(log.Count == 0 ? "nothing" : log[^1])} (R-LIFE-16, D19)");
        if (log.Count(e => e == "Closed") != 1) run.Error("Closed was delivered more than once");
    }

    /// <summary>Pauses a running channel or starts a paused one, at seed-drawn steps (R-PAUSE-3, R-PAUSE-7, R-PAUSE-8).</summary>
    private static void TogglePause(ChannelHarness h, Random order, List<Task> pauses, ref bool paused, ChannelCoverage coverage)
    {
        if (!paused && order.Next(4) == 0)
        {
            pauses.Add(h.Channel.Pause());
            paused = true;
            Interlocked.Increment(ref coverage.Pauses);
        }
        else if (paused && order.Next(2) == 0)
        {
            h.Channel.Start();
            paused = false;
        }
        h.Run();
    }

    /// <summary>Plays one scenario to its end; null when every check held, else what broke.</summary>
    internal static string? Run(ChannelScenario scenario, ChannelCoverage coverage)
    {
        var run = new ScenarioRun(scenario, coverage);
        using var h = new ChannelHarness(run.Options, scenario.RingSize, scenario.RingSize, scenario.StartOffset, seed: scenario.Seed);
        var order = new Random(scenario.Seed);
        var completions = new List<ReadCompletion>();
        var written = 0;
        var pauses = new List<Task>();
        var paused = false;
        try
        {
            run.Configure(h);
            Assert.Equal(0, h.Channel.Enable());
            h.Run();
            for (var step = 0; step < 40 * (scenario.Packets.Length + 2) && !run.Finished(written); step++)
            {
                var doorbell = false;
                for (var k = 0; k < scenario.Chunk && written < run.Packets.Length && !run.Failed; k++)
                {
                    if (!run.TryWrite(h, written, out var signal)) break;
                    doorbell |= signal;
                    written++;
                }
                if (doorbell) h.Channel.Signal();
                h.Run();
                if (scenario.Quota > 0 && h.Channel.Outstanding >= scenario.Quota) Interlocked.Increment(ref coverage.QuotaStalls);
                // Later completions: a seed-drawn share of the held packets, in the order they come out.
                var take = run.HeldCount == 0 ? 0 : order.Next(0, run.HeldCount + 1);
                for (var i = 0; i < take && run.TryTakeHeld(out var index, out var packet); i++) run.CompleteLater(index, packet);
                if (order.Next(2) == 0) ScenarioRun.MakeAllResident(h);
                if (scenario.PauseStart) TogglePause(h, order, pauses, ref paused, coverage);
                if (h.Channel.CompletionsWaiting > 0) Interlocked.Increment(ref coverage.QueuedReplies);
                // The peer reads its ring only now and then, so full outgoing rings and queued replies occur (R-CMPL-8).
                if (order.Next(3) == 0) completions.AddRange(h.TakeCompletions());
                h.Run();
            }
            if (paused) h.Channel.Start();
            while (run.TryTakeHeld(out var index, out var packet)) run.CompleteLater(index, packet);
            ScenarioRun.MakeAllResident(h);
            h.Run();
            // Packets written while paused come after the last Start (R-PAUSE-8); finish them like the loop does.
            for (var i = 0; i < 40 && !run.Finished(written); i++)
            {
                while (run.TryTakeHeld(out var index, out var packet)) run.CompleteLater(index, packet);
                ScenarioRun.MakeAllResident(h);
                h.Deliver();
            }
            if (pauses.Any(p => !p.IsCompletedSuccessfully)) run.Error("a Pause never completed although every packet was answered (R-PAUSE-3)");
            CloseDown(h, run, peerCloses: order.Next(2) == 0);
            for (var i = 0; i < 50 && h.Channel.CompletionsWaiting > 0; i++) { completions.AddRange(h.TakeCompletions()); h.Run(); }
            completions.AddRange(h.TakeCompletions());
            if (!run.Finished(written)) run.Error("the run did not finish within its step budget");
        }
        catch (Exception e)
        {
            run.Error($"exception: {e.GetType().Name}: {e.Message}");
        }
        return run.Verdict(h, completions, written);
    }
}

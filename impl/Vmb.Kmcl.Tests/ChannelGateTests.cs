namespace Vmb.Kmcl.Tests;

/// <summary>The channel's lock: mutual exclusion, and a loud failure instead of a hang on re-entry.</summary>
public class ChannelGateTests
{
    [Fact]
    public void Entering_again_on_the_holding_thread_throws_and_the_gate_stays_usable()
    {
        var gate = new ChannelGate();
        using (gate.Enter())
        {
            Assert.Throws<LockRecursionException>(() => { using (gate.Enter()) { } });
        }
        using (gate.Enter()) { } // left by the outer scope, so free again
    }

    [Fact]
    public void Another_thread_waits_until_the_holder_leaves()
    {
        var gate = new ChannelGate();
        var entered = new ManualResetEventSlim();
        var holderLeft = false;
        var sawHolderLeft = false;
        Thread other;
        using (gate.Enter())
        {
            other = new Thread(() =>
            {
                using (gate.Enter()) sawHolderLeft = Volatile.Read(ref holderLeft);
                entered.Set();
            });
            other.Start();
            Assert.False(entered.Wait(50)); // still held
            Volatile.Write(ref holderLeft, true);
        }
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));
        other.Join();
        Assert.True(sawHolderLeft);
    }

    [Fact]
    public void Concurrent_increments_under_the_gate_are_never_lost()
    {
        var gate = new ChannelGate();
        var count = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 20_000; i++)
                using (gate.Enter()) count++;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(80_000, count);
    }
}

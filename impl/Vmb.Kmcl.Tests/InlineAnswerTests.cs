using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using static Vmb.Kmcl.Tests.MisuseTests;

namespace Vmb.Kmcl.Tests;

/// <summary>
/// A Complete inside the presenting callback claims its packet without the lock (KmclChannel.InlineAnswer.cs);
/// every other call decides under the lock. These check that the two paths agree: an inline answer is seen by
/// every later call as if it had taken the lock, and a race between them answers the packet exactly once.
/// </summary>
public class InlineAnswerTests
{
    private static byte[] Reply(byte tag, int length) => Enumerable.Repeat(tag, length).ToArray();

    [Fact]
    public void R_MIS_1_MAY_every_call_after_an_inline_complete_sees_the_packet_answered()
    {
        using var h = new ChannelHarness();
        var seen = new List<string>();
        var outstandingAfter = -1;
        h.Client.Policy = (_, p, _) =>
        {
            p.Complete(Reply(7, 12));
            outstandingAfter = h.Channel.Outstanding;
            seen.Add(Assert.Throws<ContractViolationException>(() => p.GetClientContext()).RequirementId);
            seen.Add(Assert.Throws<ContractViolationException>(() => p.GetExternalData(0, out _)).RequirementId);
            seen.Add(Assert.Throws<ContractViolationException>(() => p.DeferToPassive()).RequirementId);
            seen.Add(Assert.Throws<ContractViolationException>(() => p.Fail()).RequirementId);
            seen.Add(Assert.Throws<ContractViolationException>(() => p.Complete(default)).RequirementId);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 1);
        h.Deliver();
        Assert.Equal(0, outstandingAfter);
        Assert.Equal(["R-MIS-2", "R-MIS-2", "R-MIS-3", "R-MIS-1", "R-MIS-1"], seen);
        var reply = Assert.Single(h.TakeCompletions());
        Assert.Equal(1UL, reply.TransactionId);
        Assert.Equal(Reply(7, 12), reply.Payload[..12]);
        Assert.Empty(h.Observer.Stops); // the rejected Fail stopped nothing
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_CMPL_8_MUST_replies_keep_the_order_of_the_answers_when_an_inline_one_comes_first()
    {
        using var h = new ChannelHarness();
        var held = default(VmbPacket);
        h.Client.Policy = (_, p, pres) =>
        {
            if (pres.Index == 0) { held = p; return; }
            p.Complete(Reply(2, 16)); // inline, claimed without the lock
            held.Complete(Reply(1, 8)); // through the lock: must come after it on the ring
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 1);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true, id: 2);
        h.Deliver();
        var replies = h.TakeCompletions();
        Assert.Equal([2UL, 1UL], replies.Select(r => r.TransactionId));
        Assert.Equal(Reply(2, 16), replies[0].Payload[..16]);
        Assert.Equal(Reply(1, 8), replies[1].Payload[..8]);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_CMPL_6_MUST_inline_replies_carry_their_own_bytes_when_lengths_change()
    {
        using var h = new ChannelHarness();
        var lengths = new[] { 4, 300, 0, 24 };
        h.Client.Policy = (_, p, pres) => p.Complete(Reply((byte)(pres.Index + 1), lengths[pres.Index]));
        h.Open();
        for (var i = 0; i < lengths.Length; i++) h.SendInBand(ChannelHarness.Payload((ulong)i, 8), completion: true, id: (ulong)i);
        h.Deliver();
        var replies = h.TakeCompletions();
        Assert.Equal(lengths.Length, replies.Count);
        for (var i = 0; i < lengths.Length; i++)
        {
            Assert.Equal((ulong)i, replies[i].TransactionId);
            Assert.Equal(Reply((byte)(i + 1), lengths[i]), replies[i].Payload[..lengths[i]]);
            Assert.All(replies[i].Payload[lengths[i]..], b => Assert.Equal(0, b)); // padding only
        }
    }

    [Fact]
    public void R_CMPL_1_MUST_a_complete_after_another_call_in_the_callback_answers_once()
    {
        using var h = new ChannelHarness();
        h.Client.Policy = (_, p, _) =>
        {
            p.GetClientContext(); // takes the lock: the inline path is closed for this presentation
            p.Complete(default);
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 1);
        h.SendInBand(ChannelHarness.Payload(2, 8), completion: true, id: 2);
        h.Deliver();
        Assert.Equal([1UL, 2UL], h.TakeCompletions().Select(r => r.TransactionId));
        Assert.Equal(0, h.Channel.Outstanding);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_1_MAY_an_inline_complete_after_another_threads_complete_is_named()
    {
        using var h = new ChannelHarness();
        string? second = null;
        h.Client.Policy = (_, p, _) =>
        {
            var other = new Thread(() => p.Complete(Reply(5, 8)));
            other.Start();
            other.Join();
            second = Assert.Throws<ContractViolationException>(() => p.Complete(Reply(6, 8))).RequirementId;
        };
        h.Open();
        h.SendInBand(ChannelHarness.Payload(1, 8), completion: true, id: 1);
        h.Deliver();
        Assert.Equal("R-MIS-1", second);
        var reply = Assert.Single(h.TakeCompletions());
        Assert.Equal(Reply(5, 8), reply.Payload[..8]);
        Assert.Equal(0, h.Channel.Outstanding);
        AssertStillConsistent(h);
    }

    [Fact]
    public void R_MIS_1_MAY_an_inline_complete_racing_another_threads_complete_answers_exactly_once()
    {
        const int Rounds = 200;
        using var h = new ChannelHarness();
        var outcomes = new List<(bool Inline, bool Other)>();
        h.Client.Policy = (_, p, _) =>
        {
            using var start = new Barrier(2);
            bool? otherOk = null;
            var other = new Thread(() =>
            {
                start.SignalAndWait();
                otherOk = TryAnswer(p);
            });
            other.Start();
            start.SignalAndWait();
            var inlineOk = TryAnswer(p);
            other.Join();
            outcomes.Add((inlineOk, otherOk!.Value));
        };
        h.Open();
        for (var i = 0; i < Rounds; i++)
        {
            h.SendInBand(ChannelHarness.Payload((ulong)i, 8), completion: true, id: (ulong)i);
            h.Deliver();
            Assert.Equal([(ulong)i], h.TakeCompletions().Select(r => r.TransactionId));
        }
        Assert.Equal(Rounds, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Inline ^ o.Other));
        Assert.Equal(0, h.Channel.Outstanding);
        AssertStillConsistent(h);
    }

    private static bool TryAnswer(VmbPacket p)
    {
        try
        {
            p.Complete(default);
            return true;
        }
        catch (ContractViolationException e) when (e.RequirementId == "R-MIS-1")
        {
            return false;
        }
    }
}

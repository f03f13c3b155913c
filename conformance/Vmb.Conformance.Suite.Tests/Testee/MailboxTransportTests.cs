using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Conformance.Running;
using Vmb.Conformance.Testee;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// Protocol version 4 moves the frames into the shared-memory mailbox (spec/testee-protocol.md §20): the same run gets
/// the same verdicts whichever carries them, a testee of an older version still gets the pipes, and a testee that breaks
/// the mailbox's rules gets what the protocol says.
/// </summary>
public sealed class MailboxTransportTests : TesteeRunTests
{
    // Each transport against the same run in-process: the mailbox (version 4) and the pipes (versions 3 and 1).
    [Theory]
    [InlineData("")]
    [InlineData("--max-version 3")]
    [InlineData("--max-version 1")]
    public void A_ring_run_gets_the_verdicts_counts_and_coverage_of_the_same_run_in_process_whichever_carries_the_frames(string switches)
    {
        var suite = Few with { Scenarios = 60 };
        var (remote, _) = Run(switches, suite: suite);
        Assert.Equal(Shape(RingConformanceRunner.Run(new ReferenceRing(), suite, Catalog)), Shape(remote));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--max-version 3")]
    public void A_channel_run_gets_the_verdicts_counts_and_coverage_of_the_same_run_in_process_whichever_carries_the_frames(string switches)
    {
        var suite = Few with { Scenarios = 40 };
        var (remote, _) = RunChannel(switches, suite: suite);
        Assert.Equal(Shape(ConformanceRunner.Run(new ReferenceChannelImplementation(), suite, Catalog)), Shape(remote));
    }

    [Theory]
    [InlineData("", true, "protocol 4, frames through the mailbox")]
    [InlineData("--max-version 3", false, "protocol 3, frames on the pipes")]
    [InlineData("--max-version 1", false, "protocol 1, frames on the pipes")]
    public void The_harness_moves_a_version_4_testee_to_the_mailbox_and_leaves_an_older_one_on_the_pipes(string switches, bool mailbox, string transport)
    {
        using var testee = TesteeRing.Start(TesteeHosts.Command(switches), TesteeHosts.Short);
        Assert.Equal(mailbox, testee.UsesMailbox);
        Assert.Equal(transport, testee.Transport);
    }

    [Fact]
    public void A_scenarios_ring_lies_in_the_mailboxs_scenario_area_zeroed_and_one_too_large_for_it_gets_a_file_of_its_own()
    {
        using var testee = TesteeRing.Start(TesteeHosts.Command(), TesteeHosts.Short);
        var (file, geometry) = testee.Child!.Scenarios!.Value;
        var area = file.Region.Address + (nint)geometry.ScenarioOffset;
        using (var session = testee.Open(3 * 4096))
        {
            Assert.Equal(area, session.Region.Address);
            // The testee writes through its own mapping of the area: the write index its writer publishes is seen here
            // (descriptor 16 + payload 3, padded to 24, + trailer 8).
            var writer = testee.CreateWriter(session.Region, initialize: true, () => { });
            Assert.Equal(Vmb.Spec.Spi.RingWriteStatus.Written, writer.TryWrite(Vmb.Spec.Wire.PacketType.InBand, 0, 7, [], [1, 2, 3]));
            writer.Commit();
            Assert.Equal(32u, BitConverter.ToUInt32(session.Region.Span));
            session.Region.Span.Fill(0xEE);
        }
        using (var session = testee.Open(3 * 4096))
            Assert.All(session.Region.Span.ToArray(), b => Assert.Equal(0, b)); // what a fresh file holds
        using (var large = testee.Open((int)geometry.ScenarioSize + 4096))
            Assert.NotEqual(area, large.Region.Address);
        using var pipes = TesteeRing.Start(TesteeHosts.Command("--max-version 3"), TesteeHosts.Short);
        Assert.Null(pipes.Child!.Scenarios);
    }

    [Fact]
    public void Bytes_other_than_wake_ups_on_the_answer_pipe_are_a_harness_error_quoting_them()
    {
        var (result, _) = Run("--misbehave garbage-pipe --on read");
        Assert.Equal(SuiteVerdict.HarnessError, result.Classify(Catalog).Verdict);
        var harness = Assert.Single(result.Results.Where(r => r.Verdict == Verdict.HarnessError).Take(1));
        Assert.Contains("not wake-ups", harness.Detail);
        Assert.Contains("68 65 6c 6c", harness.Detail);
        Assert.DoesNotContain(result.Results, r => r.Verdict is Verdict.Crash or Verdict.Timeout);
    }

    [Fact]
    public void A_testee_that_answers_version_4_but_cannot_use_the_mailbox_ends_the_handshake_in_one_line()
    {
        var e = Assert.Throws<TesteeStartException>(() => TesteeRing.Start(TesteeHosts.Command("--misbehave refuse-mailbox"), TesteeHosts.Short));
        Assert.Contains("could not use the mailbox", e.Message);
        Assert.Contains("refused on purpose", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_C_testees_speak_version_4_and_are_moved_to_the_mailbox()
    {
        using var ring = TesteeRing.Start($"\"{TesteeHosts.CTestee("vmbring-testee")}\"", TesteeHosts.Short);
        Assert.True(ring.UsesMailbox, ring.Transport);
        using var channel = TesteeChannel.Start($"\"{TesteeHosts.CTestee("vmbchannel-testee")}\"", TesteeHosts.Short);
        Assert.True(channel.UsesMailbox, channel.Transport);
    }

    private static string Shape(SuiteResult result) =>
        string.Join("\n", result.Results.Select(r => $"{r.RequirementId} {r.Verdict} {r.ScenariosRun} {r.ScenariosExercised}"));
}

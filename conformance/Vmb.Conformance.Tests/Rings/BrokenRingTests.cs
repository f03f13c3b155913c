using Vmb.Ring;
using Vmb.Faulty.Rings;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;
using Xunit.Abstractions;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>Each broken ring fails exactly the rule its bug breaks, with a small counterexample that replays.</summary>
public class BrokenRingTests(ITestOutputHelper output)
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    private void FailsExactly(BrokenRing ring, string id, int maxWrites)
    {
        var result = RingConformanceRunner.Run(ring, new SuiteOptions { Scenarios = 1000, FlakyReplays = 2 }, Catalog);
        var failed = result.Results.Where(r => r.Verdict is Verdict.Fail or Verdict.Flaky).Select(r => r.RequirementId).ToList();
        Assert.Equal([id], failed);
        var verdict = result.Results.Single(r => r.RequirementId == id);
        Assert.Equal(Verdict.Fail, verdict.Verdict);
        var example = verdict.Counterexample!;
        output.WriteLine(example.ToString());
        Assert.StartsWith(id, example.Headline);
        Assert.True(example.PacketCount <= maxWrites, $"counterexample has {example.PacketCount} writes:\n{example}");
        Assert.Contains($"replay --level ring --requirement {id} --scenario '", example.ReplayCommand);
        Assert.True(RingConformanceRunner.Replay(ring, example.ScenarioJson, id).Reproduced, "replaying the counterexample did not reproduce it");
        Assert.False(RingConformanceRunner.Replay(new Vmb.Ring.ReferenceRing(), example.ScenarioJson, id).Reproduced, "the reference fails the counterexample too");
    }

    [Fact]
    public void R_DESC_7_MUST_writer_with_wrong_trailer_fails_only_R_DESC_7() => FailsExactly(BrokenRing.WrongTrailer(new ReferenceRing()), "R-DESC-7", 1);

    [Fact]
    public void R_RING_2_MUST_writer_that_keeps_state_in_the_control_page_fails_only_R_RING_2() => FailsExactly(BrokenRing.KeepsStateInControlPage(new ReferenceRing()), "R-RING-2", 0);

    [Fact]
    public void R_RING_7_MUST_writer_that_fills_the_ring_fails_only_R_RING_7() => FailsExactly(BrokenRing.FillsRing(new ReferenceRing()), "R-RING-7", 2);

    [Fact]
    public void R_SIG_1_MUST_writer_that_signals_on_every_commit_fails_only_R_SIG_1() => FailsExactly(BrokenRing.SignalsAlways(new ReferenceRing()), "R-SIG-1", 1);

    [Fact]
    public void R_MAL_3_MUST_reader_that_accepts_offset8_below_2_fails_only_R_MAL_3() => FailsExactly(BrokenRing.AcceptsSmallOffset8(new ReferenceRing()), "R-MAL-3", 1);

    [Fact]
    public void R_MAL_9_MUST_reader_that_skips_a_malformed_packet_fails_only_R_MAL_9() => FailsExactly(BrokenRing.SkipsMalformed(new ReferenceRing()), "R-MAL-9", 1);

    [Fact]
    public void R_MAL_16_SHOULD_reader_whose_errors_name_no_rule_fails_only_R_MAL_16() => FailsExactly(BrokenRing.ErrnoErrors(new ReferenceRing()), "R-MAL-16", 1);

    [Fact]
    public void R_SIG_7_MUST_reader_whose_mask_gates_the_room_signal_fails_only_R_SIG_7() => FailsExactly(BrokenRing.MaskGatesRoom(new ReferenceRing()), "R-SIG-7", 2);

    [Fact]
    public void R_SIG_5_MUST_reader_that_signals_on_every_read_fails_only_R_SIG_5() =>
        FailsExactly(BrokenRing.SignalsEveryRead(new PublishingRing(new ReferenceRing())), "R-SIG-5", 1);

    [Fact]
    public void R_RING_11_MAY_writer_that_publishes_on_write_but_declares_staging_fails_only_R_RING_11() =>
        FailsExactly(BrokenRing.PublishesOnWriteButDeclaresStaging(new ReferenceRing()), "R-RING-11", 1);

    [Fact]
    public void R_MAL_12_MUST_reader_that_trusts_a_corrupted_read_index_has_exactly_one_root()
    {
        var ring = BrokenRing.TrustsSharedReadIndex(new ReferenceRing());
        var result = RingConformanceRunner.Run(ring, new SuiteOptions { Scenarios = 1000, FlakyReplays = 2 }, Catalog);
        var failed = result.Results.Where(r => r.Verdict is Verdict.Fail or Verdict.Flaky or Verdict.Crash or Verdict.Timeout).ToList();
        foreach (var f in failed) output.WriteLine($"{f.RequirementId} {f.Verdict}{(f.IsRoot ? " root" : $" consequence of {string.Join(", ", f.ConsequenceOf)}")}: {f.Detail}");
        Assert.Equal(["R-MAL-12"], failed.Where(f => f.IsRoot).Select(f => f.RequirementId));
        Support.ReportShows.RootsFirst(result, Catalog, ["R-MAL-12"]);
    }
}

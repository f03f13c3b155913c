using Vmb.Ring;
using Vmb.Faulty.Rings;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;
using Xunit.Abstractions;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>
/// The broken rings of the rules that had none: each fails its rule as a root. Where the bug leaves the model of a
/// correct ring behind (a wrong index, a consumed packet), later failures follow and are reported as consequences of
/// it (D23); those proofs assert the roots, the others that nothing else fails at all.
/// </summary>
public class BrokenRingRuleTests(ITestOutputHelper output)
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    private static ReferenceRing Reference() => new();

    // Rings that publish in every write and read: a wrong index is then not also a wrong commit (R-RING-11).
    private static PublishingRing Publishing() => new(new ReferenceRing());

    // Every broken ring is judged over the same stream: its scenarios are generated once for all of them.
    private static readonly SuiteOptions Options = new() { Scenarios = 1000, FlakyReplays = 2, SharedScenarios = new() };

    private SuiteResult Run(BrokenRing ring) => RingConformanceRunner.Run(ring, Options, Catalog);

    private void FailsExactly(BrokenRing ring, string id, int maxWrites)
    {
        var result = Run(ring);
        Assert.Equal([id], Failed(result).Select(r => r.RequirementId));
        Shows(ring, result, id, maxWrites);
    }

    private void HasRoots(BrokenRing ring, string[] roots, int maxWrites)
    {
        var result = Run(ring);
        var failed = Failed(result);
        foreach (var f in failed) output.WriteLine($"{f.RequirementId} {f.Verdict}{(f.IsRoot ? " root" : $" consequence of {string.Join(", ", f.ConsequenceOf)}")}: {f.Detail}");
        Assert.Equal(roots.Order(StringComparer.Ordinal), failed.Where(f => f.IsRoot).Select(f => f.RequirementId).Order(StringComparer.Ordinal));
        Assert.All(failed.Where(f => !f.IsRoot), f => Assert.NotEmpty(f.ConsequenceOf));
        foreach (var id in roots) Shows(ring, result, id, maxWrites);
    }

    private static List<RequirementResult> Failed(SuiteResult result) =>
        result.Results.Where(r => r.Verdict is Verdict.Fail or Verdict.Flaky or Verdict.Crash or Verdict.Timeout).ToList();

    // The counterexample is small, names the rule, and replays on the broken ring but not on the reference.
    private void Shows(BrokenRing ring, SuiteResult result, string id, int maxWrites)
    {
        var verdict = result.Results.Single(r => r.RequirementId == id);
        Assert.Equal(Verdict.Fail, verdict.Verdict);
        var example = verdict.Counterexample!;
        output.WriteLine(example.ToString());
        Assert.StartsWith(id, example.Headline);
        Assert.True(example.PacketCount <= maxWrites, $"counterexample has {example.PacketCount} writes:\n{example}");
        Assert.True(RingConformanceRunner.Replay(ring, example.ScenarioJson, id).Reproduced, "replaying the counterexample did not reproduce it");
        Assert.False(RingConformanceRunner.Replay(Reference(), example.ScenarioJson, id).Reproduced, "the reference fails the counterexample too");
    }

    [Fact]
    public void R_RING_4_MUST_writer_that_publishes_an_unreduced_index_at_a_wrap_has_R_RING_4_as_its_only_root() =>
        HasRoots(BrokenRing.UnreducedWrapIndex(Publishing()), ["R-RING-4"], 2);

    [Fact]
    public void R_RING_5_MUST_writer_that_clears_interrupt_mask_fails_only_R_RING_5() => FailsExactly(BrokenRing.ClearsInterruptMask(Reference()), "R-RING-5", 1);

    [Fact]
    public void R_RING_12_SHOULD_creator_that_leaves_pending_send_size_fails_only_R_RING_12() =>
        FailsExactly(BrokenRing.CreatesKeepingPendingSendSize(Reference()), "R-RING-12", 0);

    [Fact]
    public void R_RING_13_MUST_writer_that_attaches_to_a_corrupt_read_index_fails_only_R_RING_13() =>
        FailsExactly(BrokenRing.AttachTrustsReadIndex(Reference()), "R-RING-13", 0);

    [Fact]
    public void R_DESC_1_MUST_writer_that_leaves_a_gap_after_each_packet_has_R_DESC_1_as_its_only_root() =>
        HasRoots(BrokenRing.GapBetweenPackets(Publishing()), ["R-DESC-1"], 1);

    /// <summary>R-DESC-5's check compares every descriptor byte too and does not presume R-DESC-2, so both are roots.</summary>
    [Fact]
    public void R_DESC_2_MUST_writer_that_drops_the_flags_has_R_DESC_2_and_R_DESC_5_as_roots() =>
        HasRoots(BrokenRing.FastPathDropsFlags(Reference()), ["R-DESC-2", "R-DESC-5"], 1);

    [Fact]
    public void R_DESC_3_MUST_writer_whose_offset8_forgets_the_type_header_has_R_DESC_3_as_its_only_root() =>
        HasRoots(BrokenRing.FastPathShortOffset8(Reference()), ["R-DESC-3"], 1);

    /// <summary>The descriptor is judged as written, before the commit whose frames no longer land on write_index (R-DESC-1) and the read-back that takes 8 bytes too many (R-DESC-5, R-DESC-7).</summary>
    [Fact]
    public void R_DESC_4_MUST_writer_whose_len8_runs_one_word_past_an_aligned_packet_has_R_DESC_4_as_its_only_root() =>
        HasRoots(BrokenRing.FastPathLen8OnePastAligned(Reference()), ["R-DESC-4"], 1);

    [Fact]
    public void R_DESC_5_MUST_writer_that_drops_the_last_payload_byte_fails_only_R_DESC_5() =>
        FailsExactly(BrokenRing.FastPathDropsPayloadByte(Reference()), "R-DESC-5", 1);

    [Fact]
    public void R_DESC_5_MUST_reader_that_rejects_an_empty_payload_fails_only_R_DESC_5() =>
        FailsExactly(BrokenRing.RejectsEmptyPayload(Reference()), "R-DESC-5", 1);

    [Fact]
    public void R_SIG_3_MUST_reader_that_does_not_recheck_on_unmask_fails_only_R_SIG_3() => FailsExactly(BrokenRing.NoRecheckOnUnmask(Reference()), "R-SIG-3", 1);

    [Fact]
    public void R_SIG_4_SHOULD_writer_that_keeps_pending_send_size_fails_only_R_SIG_4() => FailsExactly(BrokenRing.KeepsPendingSendSize(Reference()), "R-SIG-4", 3);

    [Fact]
    public void R_MAL_1_MUST_reader_that_takes_a_corrupt_write_index_for_empty_fails_only_R_MAL_1() =>
        FailsExactly(BrokenRing.CorruptWriteIndexAsEmpty(Reference()), "R-MAL-1", 1);

    // Having read past the write index, the reader's later rejection of the bytes behind it can name another rule
    // (R-MAL-16): a consequence of R-MAL-2, which stays the only root.
    [Fact]
    public void R_MAL_2_MUST_reader_that_reads_a_truncated_packet_fails_R_MAL_2_as_the_only_root() => HasRoots(BrokenRing.ReadsTruncatedPacket(Reference()), ["R-MAL-2"], 1);

    [Fact]
    public void R_MAL_4_MUST_reader_that_accepts_len8_below_offset8_fails_only_R_MAL_4() => FailsExactly(BrokenRing.AcceptsLen8BelowOffset8(Reference()), "R-MAL-4", 1);

    [Fact]
    public void R_MAL_5_MUST_reader_that_reads_past_write_index_fails_only_R_MAL_5() => FailsExactly(BrokenRing.ReadsPastWriteIndex(Reference()), "R-MAL-5", 1);

    [Fact]
    public void R_MAL_6_MUST_reader_that_ignores_undefined_flags_fails_only_R_MAL_6() => FailsExactly(BrokenRing.IgnoresUndefinedFlags(Reference()), "R-MAL-6", 1);

    [Fact]
    public void R_MAL_7_MUST_reader_that_accepts_unknown_types_fails_only_R_MAL_7() => FailsExactly(BrokenRing.AcceptsUnknownTypes(Reference()), "R-MAL-7", 1);

    [Fact]
    public void R_MAL_8_MUST_reader_that_ignores_ranges_fails_only_R_MAL_8() => FailsExactly(BrokenRing.IgnoresRanges(Reference()), "R-MAL-8", 1);

    [Fact]
    public void R_MAL_14_MUST_reader_that_consumes_a_packet_it_reports_too_large_has_R_MAL_14_as_its_only_root() =>
        HasRoots(BrokenRing.SizingConsumes(Publishing()), ["R-MAL-14"], 1);

    [Fact]
    public void R_MAL_15_MUST_writer_that_writes_over_a_corrupt_read_index_fails_only_R_MAL_15() =>
        FailsExactly(BrokenRing.WritesOverCorruptReadIndex(Reference()), "R-MAL-15", 1);
    // E-38: a refusal where several reader conditions meet is laid only on those the run does not show handled alone.
    [Fact]
    public void R_RING_8_MUST_reader_that_rejects_wrapping_packets_has_R_RING_8_as_its_only_root() =>
        HasRoots(BrokenRing.RejectsWrappingPackets(Reference()), ["R-RING-8"], 2);

    [Fact]
    public void R_RING_14_MUST_reader_blind_while_masked_at_attach_has_R_RING_14_as_its_only_root() =>
        HasRoots(BrokenRing.BlindWhileMaskedAtAttach(Reference()), ["R-RING-14"], 1);

    [Fact]
    public void R_DESC_13_MUST_reader_that_rejects_the_largest_packet_has_R_DESC_13_as_its_only_root() =>
        HasRoots(BrokenRing.RejectsLargestPacket(Reference()), ["R-DESC-13"], 1);

    [Fact]
    public void R_MAL_11_MUST_reader_that_rejects_an_unexpected_trailer_has_R_MAL_11_as_its_only_root() =>
        HasRoots(BrokenRing.RejectsUnexpectedTrailer(Reference()), ["R-MAL-11"], 1);

    [Fact]
    public void R_RING_6_MUST_reader_that_takes_a_wrapped_writer_for_empty_has_R_RING_6_and_R_RING_8_as_roots() =>
        HasRoots(BrokenRing.EmptyWhenWriterWrapped(Reference()), ["R-RING-6", "R-RING-8"], 3);
}

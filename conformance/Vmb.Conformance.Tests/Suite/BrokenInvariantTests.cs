using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Faulty.Faults;
using Vmb.Kmcl;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;
using Xunit.Abstractions;

namespace Vmb.Conformance.Tests.Suite;

/// <summary>
/// Proof the checks can fail in the pipe profile: a design-card invariant, broken alone by a fixture over the
/// reference, fails only its own requirements, with a shrunk counterexample of at most 3 packets that replays.
/// </summary>
public class BrokenInvariantTests(ITestOutputHelper output)
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    // The raw-profile proofs of the three invariants live with the fixtures (fixtures/Vmb.Faulty.Tests); the
    // pipe profile frames lengths differently (R-PP-24), so its proof is here, over the same fixtures.
    [Fact]
    public void R_PP_24_MUST_pipe_lengths_exclude_headers_fails_when_buffer_starts_at_the_descriptor() =>
        AssertFailsExactly(new BufferIncludesDescriptor(PipeReference()), "R-PP-24", ["R-PP-5", "R-PP-24"]);

    [Fact]
    public void R_PP_24_MUST_pipe_lengths_exclude_headers_fails_when_buffer_length_counts_the_header() =>
        AssertFailsExactly(new BufferLengthCountsHeader(PipeReference()), "R-PP-24", ["R-PP-6", "R-PP-24"]);

    [Fact]
    public void R_CMPL_1_MUST_exactly_once_fails_in_the_pipe_profile_when_an_answered_packet_is_presented_again() =>
        AssertFailsExactly(new RepresentsAnsweredPacket(PipeReference()), "R-CMPL-1", ["R-CMPL-1"]);

    // R-EXT-19 binds the pipe profile alone; the same flag breaks R-EXT-2 at the same presentation, with no presumes edge.
    [Fact]
    public void R_EXT_19_MUST_a_pipe_channel_carries_no_external_data_fails_when_in_band_packets_are_flagged() =>
        AssertFailsExactly(new InBandFlaggedExternal(PipeReference()), "R-EXT-19", ["R-EXT-19", "R-EXT-2", "R-EXT-1"]);

    private static ReferenceChannelImplementation PipeReference() => new(new KmclOptions { Profile = FramingProfile.Pipe });

    private void AssertFailsExactly(IChannelImplementation broken, string expected, string[] allowed)
    {
        var result = ConformanceRunner.Run(broken, new SuiteOptions { Scenarios = 400 }, Catalog);
        ScenarioCounter.Add(result.ScenariosGenerated);
        var failed = result.Results.Where(r => r.Verdict is Verdict.Fail or Verdict.Flaky).ToList();
        foreach (var f in failed) output.WriteLine(f.Counterexample!.ToString() + Environment.NewLine);
        Assert.Contains(failed, f => f.RequirementId == expected && f.Verdict == Verdict.Fail);
        Assert.All(failed, f => Assert.Contains(f.RequirementId, allowed));
        Assert.DoesNotContain(result.Results, r => r.Verdict is Verdict.Crash or Verdict.Timeout or Verdict.HarnessError);
        Assert.False(result.IsConformant(Catalog));
        var example = failed.Single(f => f.RequirementId == expected).Counterexample!;
        Assert.InRange(example.PacketCount, 1, 3);
        Assert.StartsWith(expected + " (", example.ToString());
        var replay = ConformanceRunner.Replay(broken, ScenarioJson.Parse(example.ScenarioJson), expected);
        Assert.True(replay.Reproduced, $"replaying the counterexample of {expected} did not fail it");
    }
}

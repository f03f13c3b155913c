using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tests.Broken;
using Vmb.Kmcl;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;
using Xunit.Abstractions;

namespace Vmb.Conformance.Tests.Suite;

/// <summary>
/// Proof the checks can fail: each design-card invariant, broken alone by a decorator over the reference, fails
/// exactly its own requirements, with a shrunk counterexample of at most 3 packets that replays.
/// </summary>
public class BrokenInvariantTests(ITestOutputHelper output)
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void R_CMPL_1_MUST_exactly_once_fails_alone_when_an_answered_packet_is_presented_again() =>
        AssertFailsExactly(PresentsAnsweredPacketAgain.Over(new ReferenceChannelImplementation()), "R-CMPL-1", ["R-CMPL-1"]);

    [Fact]
    public void R_PP_5_MUST_lengths_exclude_headers_fails_alone_when_buffer_starts_at_the_descriptor() =>
        AssertFailsExactly(BufferStartsAtDescriptor.Over(new ReferenceChannelImplementation()), "R-PP-5", ["R-PP-5", "R-PP-6", "R-PP-7", "R-PP-24"]);

    [Fact]
    public void R_PP_24_MUST_pipe_lengths_exclude_headers_fails_alone_when_buffer_starts_at_the_descriptor() =>
        AssertFailsExactly(BufferStartsAtDescriptor.Over(new ReferenceChannelImplementation(new KmclOptions { Profile = FramingProfile.Pipe })), "R-PP-24", ["R-PP-5", "R-PP-6", "R-PP-24"]);

    [Fact]
    public void R_EXT_5_MUST_external_data_only_when_flagged_fails_alone_when_unflagged_packets_yield_a_view() =>
        AssertFailsExactly(ExternalDataWithoutFlag.Over(new ReferenceChannelImplementation()), "R-EXT-5", ["R-EXT-5"]);

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

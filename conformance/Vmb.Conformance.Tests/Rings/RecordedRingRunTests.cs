using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Faulty.Rings;
using Vmb.Ring;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>
/// A ring run (scenario, declaration, every step with the ring after it) round-trips through JSON unchanged, and
/// judged again offline gives every ring check the same outcome — what an out-of-process level needs to carry it.
/// </summary>
public class RecordedRingRunTests
{
    private const int Runs = 150;

    public static TheoryData<string> Rings => new() { "reference", "trusts-shared-read-index", "signals-every-read", "errno-errors" };

    private static IRingImplementation Create(string name) =>
        name == "reference" ? new ReferenceRing() : BrokenRing.All(new ReferenceRing()).Single(r => r.Name.EndsWith("+" + name, StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Rings))]
    public void A_recorded_ring_run_round_trips_and_is_judged_the_same_offline(string ring)
    {
        var level = new RingLevel(Create(ring));
        var failedSomewhere = false;
        for (var i = 0; i < Runs; i++)
        {
            var run = level.Drive(level.Generate(ScenarioSeed.For(91, i)), new SuiteOptions());
            var text = RecordedRingRunJson.Serialize(run);
            var again = RecordedRingRunJson.Parse(text);
            Assert.Equal(text, RecordedRingRunJson.Serialize(again));
            foreach (var check in level.Checks)
            {
                var online = Judge(check, run);
                Assert.Equal(online, Judge(check, again));
                failedSomewhere |= online.Item1 == CheckStatus.Fail;
            }
        }
        // The broken rings must give the offline judgement something to agree on.
        Assert.Equal(ring != "reference", failedSomewhere);
    }

    [Theory]
    [InlineData("{", "$")]
    [InlineData("""{"formatVersion":9}""", "$")]
    public void A_bad_recorded_ring_run_is_refused_naming_where(string json, string where)
    {
        var e = Assert.Throws<FormatException>(() => RecordedRingRunJson.Parse(json, "ring.json"));
        Assert.StartsWith("ring.json: " + where, e.Message, StringComparison.Ordinal);
    }

    private static (CheckStatus, string?, int?) Judge(ICheck<RingRun> check, RingRun run)
    {
        var outcome = check.Judges(run) ? check.Evaluate(run) : CheckOutcome.NotExercised;
        return (outcome.Status, outcome.Message, outcome.EventIndex);
    }
}

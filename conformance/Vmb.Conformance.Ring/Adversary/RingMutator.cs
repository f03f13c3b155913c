namespace Vmb.Conformance.Rings;

/// <summary>
/// The adversary of a probe scenario (D15): a thread that switches ring bytes the writer has published between two
/// versions, each valid on its own, while the reader works. The seed steers how long each version stays in place, so
/// a printed scenario names the same schedule again; the interleaving with the reader is the machine's, so a replay
/// reproduces a mixed result only with some probability, which the engine's replays measure (fail or flaky).
/// </summary>
/// <param name="Seed">Seeds the mutator's dwell times.</param>
/// <param name="Rounds">The most times the scenario's operations run in a row: each round is one more attempt.</param>
/// <param name="RacedReads">
/// The probe ends after the round in which this many reads raced the mutator (it switched the bytes at least once while
/// the read ran); 0 runs every round. A busy machine that seldom runs both threads at once gets more rounds, not less evidence.
/// </param>
public sealed record RingMutator(ulong Seed, int Rounds, int RacedReads = 0)
{
    /// <summary>The most rounds a probe may ask for.</summary>
    public const int MaxRounds = 1024;
}

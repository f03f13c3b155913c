namespace Vmb.Conformance.Engine;

/// <summary>
/// Where scenario <see cref="Index"/> of a run comes from (D27): the value its generator is seeded with and the
/// generator size, both derived from the run seed and the index alone, so one scenario regenerates without the
/// others and without the implementation's answers.
/// </summary>
/// <param name="RunSeed">The run's seed.</param>
/// <param name="Index">The scenario's position in the run.</param>
/// <param name="Value">The scenario's own generator seed.</param>
/// <param name="Size">The generator size, 1 … <see cref="ScenarioSeed.MaxSize"/>.</param>
public readonly record struct ScenarioSeed(ulong RunSeed, int Index, ulong Value, int Size)
{
    /// <summary>The largest generator size; levels scale counts and lengths by Size / MaxSize.</summary>
    public const int MaxSize = 100;

    // 2^64 divided by the golden ratio: consecutive indices land far apart in the mixer's input.
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Scenario <paramref name="index"/> of the run seeded with <paramref name="runSeed"/>.</summary>
    public static ScenarioSeed For(ulong runSeed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // The run seed is mixed before the index is added, so the streams of seeds S and S+1 are unrelated
        // rather than shifted by one scenario.
        var value = Mix(Mix(runSeed) + (ulong)index * Golden);
        var size = 1 + (int)(Mix(value ^ Golden) % MaxSize);
        return new ScenarioSeed(runSeed, index, value, size);
    }

    /// <summary>SplitMix64's finaliser: a bijection on 64-bit values with full avalanche.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <inheritdoc />
    public override string ToString() => $"seed {RunSeed} scenario {Index} (size {Size})";
}

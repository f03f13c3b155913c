using System.Globalization;

namespace Vmb.Conformance.Results;

/// <summary>
/// One of <see cref="Count"/> disjoint slices of a run's scenario stream: shard K of N judges the scenarios whose
/// index i has i mod N = K − 1. Scenario i is the same whoever runs it (D27), so the shards of a run cover its
/// stream exactly once and can be merged into one report.
/// </summary>
/// <param name="Number">Which slice, from 1.</param>
/// <param name="Count">How many slices the stream is cut into.</param>
public sealed record Shard(int Number, int Count)
{
    /// <summary>The whole stream.</summary>
    public static Shard Whole { get; } = new(1, 1);

    /// <summary>How many of the stream's first <paramref name="count"/> scenarios belong to this slice.</summary>
    public int Held(int count) => count / Count + (count % Count >= Number ? 1 : 0);

    /// <summary>The stream index of this slice's scenario number <paramref name="ordinal"/> (from 0).</summary>
    public int Index(int ordinal) => ordinal * Count + Number - 1;

    /// <summary>Reads "K/N" with 1 ≤ K ≤ N ≤ 10000; null when the text is not such a pair.</summary>
    public static Shard? TryParse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
               && n is >= 1 and <= 10_000 && k >= 1 && k <= n
            ? new Shard(k, n)
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}/{Count}");
}

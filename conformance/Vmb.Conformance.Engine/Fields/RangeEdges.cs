namespace Vmb.Conformance.Fields;

/// <summary>
/// The edge values of a field's range that generators favour: its ends and their neighbours, 1, and both sides of
/// 2^16 and 2^32 where the range holds them. Pure values; each level's generator draws from them.
/// </summary>
public static class RangeEdges
{
    /// <summary>The edges of [<paramref name="min"/>, <paramref name="max"/>], each once.</summary>
    public static IReadOnlyList<ulong> Of(ulong min, ulong max)
    {
        var edges = new List<ulong> { min, max, 1 };
        if (max > min) { edges.Add(max - 1); edges.Add(min + 1); }
        foreach (var boundary in new[] { 0x1_0000UL, 0x1_0000_0000UL })
            edges.AddRange([boundary - 2, boundary - 1, boundary, boundary + 1]);
        return edges.Where(v => v >= min && v <= max).Distinct().ToList();
    }

    /// <summary>
    /// <paramref name="value"/> if it lies in [<paramref name="min"/>, <paramref name="max"/>], otherwise folded into it
    /// (an offset from min), so an out-of-range draw still lands anywhere in the range.
    /// </summary>
    public static ulong Within(ulong value, ulong min, ulong max) =>
        value >= min && value <= max ? value : max - min == ulong.MaxValue ? value : min + value % (max - min + 1);
}

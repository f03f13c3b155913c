namespace Vmb.Conformance.Fields;

/// <summary>
/// The range classes of an unsigned field value: its edges (0, 1, max−1, max), powers of two and both sides of the
/// 2^16 and 2^32 boundaries, and "other" for the rest. A value may fall into several (65536 is both a power of two
/// and the upper side of 2^16); each counts.
/// </summary>
public static class RangeClasses
{
    /// <summary>The value 0.</summary>
    public const string Zero = "0";

    /// <summary>The value 1.</summary>
    public const string One = "1";

    /// <summary>A power of two of 2 or more.</summary>
    public const string PowerOfTwo = "2^k";

    /// <summary>65535, just below the 2^16 boundary.</summary>
    public const string Below16 = "2^16-1";

    /// <summary>65536, just above the 2^16 boundary.</summary>
    public const string At16 = "2^16";

    /// <summary>2^32 − 1, just below the 2^32 boundary.</summary>
    public const string Below32 = "2^32-1";

    /// <summary>2^32, just above the 2^32 boundary.</summary>
    public const string At32 = "2^32";

    /// <summary>One below the field's largest value.</summary>
    public const string MaxMinusOne = "max-1";

    /// <summary>The field's largest value (its width, or what the ring or catalog allows).</summary>
    public const string Max = "max";

    /// <summary>Any value in no other class.</summary>
    public const string Other = "other";

    /// <summary>The classes <paramref name="value"/> falls into, for a field whose largest value here is <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Of(ulong value, ulong max)
    {
        var classes = new List<string>();
        if (value == 0) classes.Add(Zero);
        if (value == 1) classes.Add(One);
        if (value >= 2 && (value & (value - 1)) == 0) classes.Add(PowerOfTwo);
        if (value == 0xFFFF) classes.Add(Below16);
        if (value == 0x1_0000) classes.Add(At16);
        if (value == 0xFFFF_FFFF) classes.Add(Below32);
        if (value == 0x1_0000_0000) classes.Add(At32);
        if (max >= 2 && value == max - 1) classes.Add(MaxMinusOne);
        if (value == max) classes.Add(Max);
        if (classes.Count == 0) classes.Add(Other);
        return classes;
    }

    /// <summary>
    /// The classes a field ranging over [<paramref name="min"/>, <paramref name="max"/>] can reach, in a fixed order:
    /// what a run is required to cover for it.
    /// </summary>
    public static IReadOnlyList<string> Reachable(ulong min, ulong max)
    {
        var classes = new List<string>();
        bool Within(ulong v) => v >= min && v <= max;
        if (Within(0)) classes.Add(Zero);
        if (Within(1)) classes.Add(One);
        if (max >= 2 && Within(Math.Max(2, LowestPowerOfTwoAtLeast(min)))) classes.Add(PowerOfTwo);
        if (Within(0xFFFF) && Within(0x1_0000)) { classes.Add(Below16); classes.Add(At16); }
        if (Within(0xFFFF_FFFF) && Within(0x1_0000_0000)) { classes.Add(Below32); classes.Add(At32); }
        if (max >= 2 && Within(max - 1)) classes.Add(MaxMinusOne);
        classes.Add(Max);
        if (max - min >= 16) classes.Add(Other);
        return classes;
    }

    private static ulong LowestPowerOfTwoAtLeast(ulong v) => v <= 1 ? 1 : v > 1UL << 63 ? ulong.MaxValue : 1UL << (64 - System.Numerics.BitOperations.LeadingZeroCount(v - 1));
}

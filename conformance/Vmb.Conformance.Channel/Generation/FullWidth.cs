using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Fields;

namespace Vmb.Conformance.Generation;

/// <summary>
/// Values over a field's full range with its edges favoured (<see cref="RangeEdges"/>), powers of two, small values and
/// any value at all. Every draw lies in the range, so a generated scenario never holds a value the contract forbids.
/// </summary>
internal static class FullWidth
{
    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Gen<ulong> Value(ulong min, ulong max) =>
        Gen.Frequency(
            (12, Gen.Elements(RangeEdges.Of(min, max).ToArray())), (3, Gen.Choose(1, 63).Select(k => 1UL << k)),
            (8, Any().Select(v => v % 1_000_000)), (6, Any()))
        .Select(v => RangeEdges.Within(v, min, max));

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>] as an int.</summary>
    public static Gen<int> Int(int min, int max) => Value((ulong)min, (ulong)max).Select(v => (int)v);

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>] as a uint.</summary>
    public static Gen<uint> UInt(uint min, uint max) => Value(min, max).Select(v => (uint)v);

    /// <summary>Any 64-bit value: three draws cover all 64 bits.</summary>
    public static Gen<ulong> Any() =>
        from hi in Gen.Choose(0, int.MaxValue)
        from lo in Gen.Choose(0, int.MaxValue)
        from top in Gen.Choose(0, 3)
        select ((ulong)(uint)top << 62) | ((ulong)(uint)hi << 31) | (uint)lo;
}

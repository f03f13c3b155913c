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
    // Any 64-bit value: three draws cover all 64 bits.
    private static readonly Gen<ulong> AnyValue =
        from hi in Gen.Choose(0, int.MaxValue)
        from lo in Gen.Choose(0, int.MaxValue)
        from top in Gen.Choose(0, 3)
        select ((ulong)(uint)top << 62) | ((ulong)(uint)hi << 31) | (uint)lo;

    private static readonly Gen<ulong> PowerOfTwo = Gen.Choose(1, 63).Select(k => 1UL << k);
    private static readonly Gen<ulong> Small = AnyValue.Select(v => v % 1_000_000);

    // Ranges are mostly fixed by the wire format, so a handful of entries serve every scenario.
    private static readonly BuiltOnce<(ulong Min, ulong Max), Gen<ulong>> Values = new(r => Build(r.Min, r.Max));
    private static readonly BuiltOnce<(int Min, int Max), Gen<int>> Ints = new(r => Value((ulong)r.Min, (ulong)r.Max).Select(v => (int)v));
    private static readonly BuiltOnce<(uint Min, uint Max), Gen<uint>> UInts = new(r => Value(r.Min, r.Max).Select(v => (uint)v));

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Gen<ulong> Value(ulong min, ulong max) => Values[(min, max)];

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>] as an int.</summary>
    public static Gen<int> Int(int min, int max) => Ints[(min, max)];

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>] as a uint.</summary>
    public static Gen<uint> UInt(uint min, uint max) => UInts[(min, max)];

    private static Gen<ulong> Build(ulong min, ulong max) =>
        Gen.Frequency((12, Gen.Elements(RangeEdges.Of(min, max).ToArray())), (3, PowerOfTwo), (8, Small), (6, AnyValue))
            .Select(v => RangeEdges.Within(v, min, max));
}

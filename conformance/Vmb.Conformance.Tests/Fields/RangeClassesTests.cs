using Vmb.Conformance.Fields;

namespace Vmb.Conformance.Tests.Fields;

public class RangeClassesTests
{
    [Theory]
    [InlineData(0UL, ulong.MaxValue, new[] { "0" })]
    [InlineData(1UL, ulong.MaxValue, new[] { "1" })]
    [InlineData(0xFFFFUL, ulong.MaxValue, new[] { "2^16-1" })]
    [InlineData(0x1_0000UL, ulong.MaxValue, new[] { "2^k", "2^16" })]
    [InlineData(0xFFFF_FFFFUL, ulong.MaxValue, new[] { "2^32-1" })]
    [InlineData(0x1_0000_0000UL, ulong.MaxValue, new[] { "2^k", "2^32" })]
    [InlineData(ulong.MaxValue - 1, ulong.MaxValue, new[] { "max-1" })]
    [InlineData(ulong.MaxValue, ulong.MaxValue, new[] { "max" })]
    [InlineData(12345UL, ulong.MaxValue, new[] { "other" })]
    [InlineData(4096UL, 4096UL, new[] { "2^k", "max" })]
    [InlineData(1UL, 2UL, new[] { "1", "max-1" })]
    public void A_value_falls_into_every_class_it_meets(ulong value, ulong max, string[] expected) =>
        Assert.Equal(expected, RangeClasses.Of(value, max));

    [Fact]
    public void A_64_bit_field_must_reach_both_sides_of_2_to_the_16_and_2_to_the_32() =>
        Assert.Equal(["0", "1", "2^k", "2^16-1", "2^16", "2^32-1", "2^32", "max-1", "max", "other"], RangeClasses.Reachable(0, ulong.MaxValue));

    [Fact]
    public void A_narrow_field_is_required_only_the_classes_its_range_holds()
    {
        Assert.Equal(["1", "2^k", "max-1", "max", "other"], RangeClasses.Reachable(1, 253));
        Assert.Equal(["0", "1", "2^k", "max-1", "max"], RangeClasses.Reachable(0, 3));
        Assert.Equal(["2^k", "max-1", "max", "other"], RangeClasses.Reachable(3, 100));
    }

    [Fact]
    public void Edges_lie_in_the_range_and_take_both_sides_of_each_boundary_it_holds()
    {
        Assert.Equal([0UL, ulong.MaxValue, 1, ulong.MaxValue - 1, 0xFFFE, 0xFFFF, 0x1_0000, 0x1_0001, 0xFFFF_FFFE, 0xFFFF_FFFF, 0x1_0000_0000, 0x1_0000_0001],
            RangeEdges.Of(0, ulong.MaxValue));
        Assert.Equal([1UL, 4096, 4095, 2], RangeEdges.Of(1, 4096));
        Assert.Equal(7UL, RangeEdges.Within(7, 1, 4096));
        Assert.InRange(RangeEdges.Within(ulong.MaxValue, 1, 4096), 1UL, 4096UL);
    }
}

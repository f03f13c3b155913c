using Vmb.Conformance.Scenarios;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Driver;

/// <summary>A page filled a period at a time holds, byte for byte, what <see cref="GuestPageContents.At"/> names.</summary>
public class GuestPageContentsTests
{
    [Theory]
    [InlineData(0UL, WireConstants.PageSize)]
    [InlineData(0xFFFF_FFFFUL, WireConstants.PageSize)]
    [InlineData(ulong.MaxValue, WireConstants.PageSize)]
    [InlineData(12345UL, 300)]
    [InlineData(7UL, 1)]
    [InlineData(7UL, 0)]
    public void A_filled_page_is_its_bytes_one_by_one(ulong page, int length)
    {
        var filled = new byte[length];
        GuestPageContents.Fill(page, filled);
        Assert.Equal(Enumerable.Range(0, length).Select(i => GuestPageContents.At(page, i)), filled);
    }
}

using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Spec.Tests.Catalog;

public class RequirementLevelTests
{
    [Theory]
    [InlineData("MUST", RequirementLevel.Must)]
    [InlineData("MUST NOT", RequirementLevel.MustNot)]
    [InlineData("SHOULD", RequirementLevel.Should)]
    [InlineData("SHOULD NOT", RequirementLevel.ShouldNot)]
    [InlineData("MAY", RequirementLevel.May)]
    [InlineData("INFO", RequirementLevel.Info)]
    public void Level_parses_and_formats_its_catalog_spelling(string text, RequirementLevel level)
    {
        Assert.Equal(level, RequirementLevels.Parse(text));
        Assert.Equal(text, level.Format());
    }

    [Fact]
    public void Level_parse_rejects_unknown_spelling_listing_the_valid_ones()
    {
        var e = Assert.Throws<FormatException>(() => RequirementLevels.Parse("MUST  NOT"));
        Assert.Equal("unknown level \"MUST  NOT\"; expected one of MUST, MUST NOT, SHOULD, SHOULD NOT, MAY, INFO", e.Message);
    }

    [Theory]
    [InlineData(RequirementLevel.Must, true)]
    [InlineData(RequirementLevel.MustNot, true)]
    [InlineData(RequirementLevel.Should, false)]
    [InlineData(RequirementLevel.ShouldNot, false)]
    [InlineData(RequirementLevel.May, false)]
    [InlineData(RequirementLevel.Info, false)]
    public void D14_only_MUST_and_MUST_NOT_count_for_conformance(RequirementLevel level, bool counts) =>
        Assert.Equal(counts, level.CountsForConformance());

    [Fact]
    public void Requirement_applies_only_when_capabilities_and_profile_are_declared()
    {
        var r = RequirementCatalog.Parse(CatalogText.Valid().ToJsonString(), CatalogText.Source).Requirements[0] with
        {
            RequiredCapabilities = ChannelCapabilities.ExternalData,
            RequiredProfile = FramingProfile.Pipe,
        };
        Assert.True(r.AppliesTo(new ImplementationInfo("x", "1", FramingProfile.Pipe, ChannelCapabilities.ExternalData | ChannelCapabilities.ExCallbacks)));
        Assert.False(r.AppliesTo(new ImplementationInfo("x", "1", FramingProfile.Raw, ChannelCapabilities.ExternalData)));
        Assert.False(r.AppliesTo(new ImplementationInfo("x", "1", FramingProfile.Pipe, ChannelCapabilities.ExCallbacks)));
    }
}

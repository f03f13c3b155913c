using Vmb.Conformance.Running;
using Vmb.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Mutation.Killers;

/// <summary>The suite judging impl/Vmb.Kmcl at the channel level, in both framing profiles the command judges (D1).</summary>
public class KmclSuiteKillerTests
{
    [Theory]
    [InlineData(FramingProfile.Raw)]
    [InlineData(FramingProfile.Pipe)]
    public void Channel_level_finds_nothing_broken_in_the_reference_channel(FramingProfile profile) =>
        KillerRun.AssertNothingBroken(ConformanceRunner.Run(
            new ReferenceChannelImplementation(new KmclOptions { Profile = profile }), KillerRun.Options(Scenarios), KillerRun.Catalog));

    private const int Scenarios = 120;
}

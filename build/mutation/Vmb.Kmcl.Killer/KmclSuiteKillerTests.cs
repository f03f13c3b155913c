using Vmb.Conformance.Running;
using Vmb.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Mutation.Killers;

/// <summary>
/// The suite judging impl/Vmb.Kmcl at the channel level, in both framing profiles the command judges (D1); every
/// rule's verdict must be the unmutated channel's (expected/).
/// </summary>
public class KmclSuiteKillerTests
{
    [Theory]
    [InlineData(FramingProfile.Raw)]
    [InlineData(FramingProfile.Pipe)]
    public void Channel_level_gives_the_reference_channel_its_verdicts(FramingProfile profile) =>
        KillerRun.AssertSameVerdicts(ConformanceRunner.Run(
            new ReferenceChannelImplementation(new KmclOptions { Profile = profile }), KillerRun.Options(Scenarios), KillerRun.Catalog),
            $"channel-{profile.ToString().ToLowerInvariant()}");

    private const int Scenarios = 500;
}

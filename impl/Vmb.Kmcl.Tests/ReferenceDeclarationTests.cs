using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests;

/// <summary>What the reference declares (D25: a declaration decides which rules apply) and the options it refuses.</summary>
public class ReferenceDeclarationTests
{
    [Fact]
    public void The_reference_declares_every_channel_capability_but_cancels_and_transfer_pages_follow_the_option()
    {
        var all = ChannelCapabilities.ExCallbacks | ChannelCapabilities.ClientContext | ChannelCapabilities.PassiveProcessing
            | ChannelCapabilities.TransactionQuota | ChannelCapabilities.PauseStart | ChannelCapabilities.ExternalData
            | ChannelCapabilities.DeferToPassive | ChannelCapabilities.MisuseDetection;
        Assert.Equal(all | ChannelCapabilities.TransferPagesAreExternalData, new ReferenceChannelImplementation().Info.Capabilities);
        Assert.Equal(all, new ReferenceChannelImplementation(new KmclOptions { TransferPagesAreExternalData = false }).Info.Capabilities);
        var pipe = new ReferenceChannelImplementation(new KmclOptions { Profile = FramingProfile.Pipe }).Info;
        Assert.Equal((ReferenceChannelImplementation.ImplementationName, FramingProfile.Pipe), (pipe.Name, pipe.Profile));
    }

    [Fact]
    public void A_read_commit_batch_below_one_is_refused_and_one_is_taken()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReferenceChannelImplementation(new KmclOptions { ReadCommitBatch = 0 }));
        Assert.NotNull(new ReferenceChannelImplementation(new KmclOptions { ReadCommitBatch = 1 }).Info);
    }
}

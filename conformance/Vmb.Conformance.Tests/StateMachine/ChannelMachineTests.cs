using FsCheck.Experimental;
using FsCheck.Xunit;

namespace Vmb.Conformance.Tests.StateMachine;

public class ChannelMachineTests
{
    [Property(MaxTest = 150)]
    public FsCheck.Property R_CMPL_1_R_PP_1_R_PAUSE_3_MUST_the_reference_channel_follows_the_model_over_write_signal_complete_defer_pause_start_fail() =>
        FsCheck.Experimental.StateMachine.ToProperty(new ChannelMachine());

    [Fact]
    public void The_model_catches_a_channel_that_presents_a_header_in_front_of_the_payload()
    {
        var broken = new ChannelMachine(() => new Faulty.Faults.BufferIncludesDescriptor(new Kmcl.ReferenceChannelImplementation()));
        var e = Assert.ThrowsAny<Exception>(() => FsCheck.Check.QuickThrowOnFailure(FsCheck.Experimental.StateMachine.ToProperty(broken)));
        Assert.Contains("R-PP-1/R-PP-15/R-FAIL-2", e.Message);
    }
}

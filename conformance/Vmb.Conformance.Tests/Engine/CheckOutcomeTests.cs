using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>D23: where a failure shows decides root against consequence.</summary>
public class CheckOutcomeTests
{
    [Fact]
    public void D23_an_offending_event_is_the_failures_position()
    {
        var failure = CheckOutcome.Fail("wrong bytes", 7);
        Assert.Equal(7, failure.Position);
        Assert.Equal(int.MaxValue, CheckOutcome.Fail("counted at the end").Position);
    }

    [Fact]
    public void D23_something_that_never_happened_shows_at_the_end_of_the_run_but_keeps_the_event_that_owed_it()
    {
        var missing = CheckOutcome.Missing("never presented again", 3);
        Assert.Equal(CheckStatus.Fail, missing.Status);
        Assert.Equal(int.MaxValue, missing.Position);
        Assert.Equal(3, missing.EventIndex);
    }
}

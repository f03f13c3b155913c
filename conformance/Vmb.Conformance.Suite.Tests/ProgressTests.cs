using Vmb.Conformance.Cli;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Suite.Tests;

public class ProgressTests
{
    [Fact]
    public void A_terminal_sees_scenarios_done_of_total_rate_failures_and_level_redrawn_in_place_then_cleared()
    {
        var terminal = new StringWriter();
        var progress = Progress.To(terminal);
        progress.Scenarios!(new RunProgress("channel", 500, 2000, 3, TimeSpan.FromSeconds(2)));
        Assert.Equal("\r\x1b[2Kchannel: 500/2000 scenarios, 250 /s, 3 rule(s) failed so far", terminal.ToString());
        progress.Scenarios!(new RunProgress("channel", 501, 2000, 3, TimeSpan.FromSeconds(2.001)));
        Assert.DoesNotContain("501/2000", terminal.ToString()); // redrawn at most four times a second
        progress.Finished(3, 3, "fixture-x");
        Assert.EndsWith("\r\x1b[2K", terminal.ToString());
    }

    [Fact]
    public void Redirected_output_gets_no_progress_and_the_engine_no_callback()
    {
        Assert.Null(Progress.Silent.Scenarios);
        // A writer that is not the console's error stream is never drawn on, so tests and pipes stay clean.
        Assert.Null(Progress.For(new StringWriter()).Scenarios);
    }
}

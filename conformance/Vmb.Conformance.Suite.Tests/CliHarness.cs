using Vmb.Conformance.Cli;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>Runs the command line in-process and judges its usage errors; shared by the CLI test classes.</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Bad input: exit 2, one line naming <paramref name="mentions"/>, no stack trace.</summary>
    public static void AssertUsageError((int Code, string Out, string Err) r, string mentions)
    {
        Assert.True(r.Code == 2, r.Out + r.Err);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, r.Err);
        Assert.Contains(mentions, lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }
}

namespace Vmb.Conformance.Suite.Tests.Browser;

/// <summary>Finds the machine's Chromium: the one browser test needs it, and .ci/run installs Debian's package when it is absent.</summary>
internal static class Chromium
{
    /// <summary>Set by .ci/run after installing Chromium: a missing browser is then a failure, not a skip.</summary>
    public const string RequiredVariable = "VMB_REQUIRE_BROWSER";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser's path, from CHROMIUM_PATH or the usual places; null when there is none.</summary>
    public static string? Path =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } given && File.Exists(given) ? given : Candidates.FirstOrDefault(File.Exists);

    /// <summary>True when a missing browser must fail the test rather than skip it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";
}

/// <summary>A fact that is skipped, with the reason, where no Chromium is installed and .ci/run did not ask for one.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
            Skip = "no Chromium on this machine (looked in CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome): " +
                   ".ci/run installs Debian's chromium package and runs this test; elsewhere install it to run this test";
    }
}

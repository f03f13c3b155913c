using PuppeteerSharp;
using Vmb.Conformance.Reports.Html;
using Vmb.Conformance.Results;
using Vmb.Conformance.Suite.Tests.Reports;
using Vmb.Spec.Verdicts;
using Xunit.Abstractions;

namespace Vmb.Conformance.Suite.Tests.Browser;

/// <summary>The dashboard as a reader sees it: rendered by headless Chromium, its filters and failures used like a person would.</summary>
public sealed class DashboardInBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vmb-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string VisibleRows =
        "[...document.querySelectorAll('table.matrix tbody tr')].filter(r => getComputedStyle(r).display !== 'none').length";

    [ChromiumFact]
    public async Task The_matrix_renders_a_filter_changes_what_is_shown_and_a_failure_expands_to_its_counterexample()
    {
        var passing = SampleResults.Failing() with { Results = [new RequirementResult("R-PP-5", Verdict.Pass, 3, 3, null, null), new RequirementResult("R-PP-6", Verdict.Pass, 3, 3, null, null)] };
        var page = Path.Combine(_folder, "index.html");
        File.WriteAllText(page, HtmlDashboard.Render([new DashboardEntry(SampleResults.Failing(), "failing"), new DashboardEntry(passing, "passing")], SampleResults.Catalog));

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = Chromium.Path ?? throw new InvalidOperationException($"{Chromium.RequiredVariable}=1 but no Chromium is installed"),
            // Containers run the tests as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var tab = await browser.NewPageAsync();
        await tab.GoToAsync(new Uri(page).AbsoluteUri);

        // The matrix is there: one column per implementation, one row per rule either of them judged.
        Assert.Equal(2, await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('table.matrix th.impl').length"));
        var rows = await tab.EvaluateExpressionAsync<int>(VisibleRows);
        Assert.Equal(5, rows);
        Assert.Equal($"{rows} of {rows} rules shown", await tab.EvaluateExpressionAsync<string>("document.getElementById('rows-shown').textContent"));

        // A filter changes what is shown: only the rules that failed somewhere stay.
        await tab.SelectAsync("#filter-verdict", "fail");
        Assert.Equal(2, await tab.EvaluateExpressionAsync<int>(VisibleRows));
        Assert.Equal($"2 of {rows} rules shown", await tab.EvaluateExpressionAsync<string>("document.getElementById('rows-shown').textContent"));
        await tab.SelectAsync("#filter-verdict", "");
        Assert.Equal(rows, await tab.EvaluateExpressionAsync<int>(VisibleRows));

        // A failure expands to its counterexample: following the cell's link opens it, and its scenario and replay line show.
        const string Details = "document.getElementById('f-0-R-PP-5')";
        Assert.False(await tab.EvaluateExpressionAsync<bool>($"{Details}.open"));
        Assert.False(await tab.EvaluateExpressionAsync<bool>($"{Details}.querySelector('pre.replay').checkVisibility()"));
        await tab.ClickAsync("a[href='#f-0-R-PP-5']");
        Assert.True(await tab.EvaluateExpressionAsync<bool>($"{Details}.open"));
        Assert.Contains("vmb-conformance replay", await tab.EvaluateExpressionAsync<string>($"{Details}.querySelector('pre.replay').innerText"));
        Assert.True(await tab.EvaluateExpressionAsync<bool>($"{Details}.querySelector('pre.scenario').checkVisibility()"));

        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artefacts")).FullName;
        var screenshot = Path.Combine(artefacts, "dashboard.png");
        await tab.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 0);
        output.WriteLine($"screenshot: {screenshot}");
    }
}

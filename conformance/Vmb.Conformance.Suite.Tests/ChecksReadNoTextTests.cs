using System.Text.RegularExpressions;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// Checks judge typed trace fields, never the free text the drivers write for people (issue "typed traces"): a check
/// may echo an event's Detail in its failure message, but never compare, search or branch on it.
/// </summary>
public partial class ChecksReadNoTextTests
{
    [GeneratedRegex(@"\.Detail\s*(==|!=|\bis\b)|\.Detail[?!]?\.(StartsWith|EndsWith|Contains|Equals|Length|Split)")]
    private static partial Regex ComparesDetail();

    [Theory]
    [InlineData("conformance/Vmb.Conformance.Channel/Checks")]
    [InlineData("conformance/Vmb.Conformance.Ring/Checks")]
    public void No_check_compares_the_free_text_of_a_trace_event(string folder)
    {
        var files = Directory.GetFiles(RepositoryFiles.Path(folder), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var offences = files.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => ComparesDetail().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void The_pattern_catches_a_comparison_and_spares_a_message()
    {
        Assert.Matches(ComparesDetail(), "e.Detail == \"Pause\"");
        Assert.Matches(ComparesDetail(), "e.Detail?.StartsWith(\"Complete:\") == true");
        Assert.DoesNotMatch(ComparesDetail(), "CheckOutcome.Fail($\"refused: {threw.Detail}\", threw.Index)");
    }
}

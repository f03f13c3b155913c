using System.Text.RegularExpressions;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// Checks judge typed trace fields, never the free text the drivers write for people: a check may echo an event's
/// text in its failure message, but never compare, search or branch on it. The text fields are found by reflection
/// (every string field of a channel trace event, a ring step or a ring error, except a rule id), so a new one is covered without editing this test.
/// </summary>
public class ChecksReadNoTextTests
{
    private static readonly string[] TextFields = typeof(TraceEvent).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(TraceEvent))).Append(typeof(RingStep)).Append(typeof(RingError))
        .SelectMany(t => t.GetProperties()).Where(p => p.PropertyType == typeof(string) && p.Name is not ("Rule" or "RuleId"))
        .Select(p => p.Name).Append("Detail").Append("OutcomeDetail").Distinct().Order().ToArray();

    private static Regex ComparesText()
    {
        var field = $@"\.({string.Join("|", TextFields)})\b";
        return new Regex($@"{field}\s*(==|!=|\bis\b)|{field}[?!]?\.(StartsWith|EndsWith|Contains|Equals|Length|Split|IndexOf)|(Equals|Contains)\([^)]*{field}");
    }

    [Theory]
    [InlineData("conformance/Vmb.Conformance.Channel/Checks")]
    [InlineData("conformance/Vmb.Conformance.Ring/Checks")]
    public void No_check_compares_the_free_text_of_a_trace_event(string folder)
    {
        var files = Directory.GetFiles(RepositoryFiles.Path(folder), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var pattern = ComparesText();
        var offences = files.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => pattern.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void The_text_fields_are_found_and_the_pattern_catches_a_comparison_but_spares_a_message()
    {
        Assert.Contains("Message", TextFields);
        Assert.Contains("Problem", TextFields);
        Assert.Contains("Exception", TextFields);
        Assert.DoesNotContain("Rule", TextFields);
        var pattern = ComparesText();
        Assert.Matches(pattern, "e.Detail == \"Pause\"");
        Assert.Matches(pattern, "e.Message?.StartsWith(\"Complete:\") == true");
        Assert.Matches(pattern, "bad.Problem.Contains(\"trailer\")");
        Assert.DoesNotMatch(pattern, "CheckOutcome.Fail($\"refused: {threw.Message}\", threw.Index)");
        Assert.DoesNotMatch(pattern, "e.Rule == _id");
    }
}

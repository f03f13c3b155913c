using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Tests.Support;

/// <summary>What a reader of the Markdown report of a proof sees first (D23): the roots, counted, then the consequences.</summary>
internal static class ReportShows
{
    public static void RootsFirst(SuiteResult result, RequirementCatalog catalog, IReadOnlyCollection<string> roots)
    {
        var text = MarkdownReport.Render(result, catalog);
        var failures = text[text.IndexOf("## Failures", StringComparison.Ordinal)..text.IndexOf("## Warnings", StringComparison.Ordinal)];
        Assert.Contains($"{roots.Count} distinct root cause(s);", failures);
        var consequencesAt = failures.IndexOf("### Consequences", StringComparison.Ordinal);
        foreach (var root in roots)
        {
            var at = failures.IndexOf($"### {root} ", StringComparison.Ordinal);
            Assert.True(at >= 0, $"the report has no section for root {root}");
            Assert.True(consequencesAt < 0 || at < consequencesAt, $"root {root} is listed after the consequences");
        }
        foreach (var consequence in result.Results.Where(r => r.ConsequenceOf.Count > 0 && failures.Contains($"### {r.RequirementId} ", StringComparison.Ordinal)))
            Assert.True(failures.IndexOf($"### {consequence.RequirementId} ", StringComparison.Ordinal) > consequencesAt,
                $"consequence {consequence.RequirementId} is listed among the roots");
    }
}

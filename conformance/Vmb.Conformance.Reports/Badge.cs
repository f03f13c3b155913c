using System.Globalization;
using System.Net;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Reports;

/// <summary>An SVG badge for a README: the share of applicable MUST rules passed, coloured by the run's verdict.</summary>
public static class Badge
{
    /// <summary>Renders the badge of <paramref name="result"/>.</summary>
    public static string Render(SuiteResult result, RequirementCatalog catalog)
    {
        var share = MustShare.Of(result, catalog);
        var verdict = result.Classify(catalog).Verdict;
        var colour = verdict switch
        {
            SuiteVerdict.Conformant => "#2e7d32",
            SuiteVerdict.Inconclusive => "#ef6c00",
            _ => "#c62828",
        };
        const string label = "VMBus conformance";
        var value = $"{share.Percent}% MUST ({share.Passed}/{share.Applicable})";
        // Widths from a fixed per-character estimate keep the file deterministic (no font measuring).
        var labelWidth = 10 + label.Length * 7;
        var valueWidth = 10 + value.Length * 7;
        var width = labelWidth + valueWidth;
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var title = WebUtility.HtmlEncode($"{result.Implementation.Name} {result.Implementation.Version} ({result.Level} level): {verdict}, {share.Passed} of {share.Applicable} applicable MUST rules passed");
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{N(width)}" height="20" role="img" aria-label="{label}: {WebUtility.HtmlEncode(value)}">
              <title>{title}</title>
              <rect width="{N(labelWidth)}" height="20" fill="#555"/>
              <rect x="{N(labelWidth)}" width="{N(valueWidth)}" height="20" fill="{colour}"/>
              <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
                <text x="{N(labelWidth / 2)}" y="14">{label}</text>
                <text x="{N(labelWidth + valueWidth / 2)}" y="14">{WebUtility.HtmlEncode(value)}</text>
              </g>
            </svg>

            """;
    }
}

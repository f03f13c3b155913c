using System.Text;
using Vmb.Conformance.Fields;

namespace Vmb.Conformance.Reports;

/// <summary>The Markdown report's per-field coverage table: one row per field, one cell per range class it reached.</summary>
internal static class FieldCoverageSection
{
    /// <summary>Appends the section; a required class never reached is marked, and so is the run (D26).</summary>
    public static void Write(StringBuilder md, IReadOnlyList<FieldCoverageRow> rows)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        Line();
        Line("## Field coverage");
        Line();
        if (rows.Count == 0)
        {
            Line("The level classifies no fields.");
            return;
        }
        var missing = rows.Count(r => r.Required && r.Scenarios == 0);
        Line(missing == 0
            ? "Scenarios in which a value of each range class occurred; every required class (*) was reached."
            : $"Scenarios in which a value of each range class occurred; **{missing} required class(es) (*) not reached**.");
        Line();
        Line("| Field | Classes: scenarios |");
        Line("| --- | --- |");
        foreach (var field in rows.GroupBy(r => r.Field))
            Line($"| {MarkdownReport.Cell(field.Key)} | {MarkdownReport.Cell(string.Join(", ", field.Select(Cell)))} |");
    }

    private static string Cell(FieldCoverageRow row) =>
        $"{row.Class}{(row.Required ? "*" : "")}: {(row.Required && row.Scenarios == 0 ? "**not reached**" : row.Scenarios.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
}

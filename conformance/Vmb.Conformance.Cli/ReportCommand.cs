using System.CommandLine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Reports.Html;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `report RESULT.json … [--out DIR]`: re-renders saved JSON results into every other format (Markdown, JUnit XML,
/// the HTML page, the badge) without judging again, and writes index.html with one matrix column per result.
/// Exit 0, or 2 for a file that is missing or not a current report, with nothing written (D30).
/// </summary>
internal static class ReportCommand
{
    public const string IndexFile = "index.html";

    public static Command Create(RequirementCatalog catalog, TextWriter output)
    {
        var results = new Argument<string[]>("results") { Description = "JSON reports written by run (one or more).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string?>("--out") { Description = "Folder for the rendered files (default: the folder of the first report)." };
        var command = new Command("report", "Re-render JSON results into Markdown, JUnit XML, HTML and the badge, plus index.html over all of them.") { results, outDir };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(results)!;
            var loaded = paths.Select(p => (Path: p, Result: Inputs.JsonResult("report", p))).ToList();
            var stems = loaded.Select(l => Path.GetFileNameWithoutExtension(l.Path)).ToList();
            if (stems.Distinct(StringComparer.Ordinal).Count() != stems.Count)
                throw new UsageException("report: two results have the same file name; their rendered files would overwrite each other");
            var directory = parse.GetValue(outDir) ?? Path.GetDirectoryName(Path.GetFullPath(paths[0]))!;
            // Everything is rendered before anything is written.
            var files = loaded.Zip(stems).SelectMany(x => ReportFiles.Render(x.First.Result, catalog, x.Second).Where(f => !f.Name.EndsWith(".json", StringComparison.Ordinal))).ToList();
            files.Add((IndexFile, HtmlDashboard.Render(loaded.Zip(stems).Select(x => new DashboardEntry(x.First.Result, x.Second)).ToList(), catalog)));
            var folder = ReportFiles.OutputFolder(directory, stems[0]);
            foreach (var (name, text) in files) ReportFiles.WriteAtomically(Path.Combine(folder, name), text);
            output.WriteLine($"wrote {files.Count} file(s) into {folder}: {string.Join(", ", files.Select(f => f.Name))}");
            return ExitCodes.Success;
        });
        return command;
    }
}

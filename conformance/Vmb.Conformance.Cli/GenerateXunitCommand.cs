using System.CommandLine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.Xunit;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>`generate-xunit`: rewrites the test methods of the xunit base classes (channel and ring) from the catalog and the engine's checks.</summary>
internal static class GenerateXunitCommand
{
    public static Command Create(RequirementCatalog catalog, TextWriter output)
    {
        var root = new Option<string>("--root") { Description = "The repository root the files are written under (default: the current folder).", DefaultValueFactory = _ => "." };
        var command = new Command("generate-xunit", "Regenerate the test methods of the xunit base classes from the catalog.") { root };
        command.SetAction(parse =>
        {
            var targets = GeneratedTests.Targets();
            var paths = targets.Select(t => Path.Combine(parse.GetValue(root)!, t.RelativePath)).ToList();
            // Every folder is checked before anything is written, so a wrong root leaves no file half-regenerated.
            foreach (var folder in paths.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))))
                if (folder is null || !Directory.Exists(folder))
                    throw new UsageException($"generate-xunit: folder '{folder}' does not exist (run from the repository root or pass --root)");
            foreach (var (target, path) in targets.Zip(paths))
            {
                ReportFiles.WriteAtomically(path, GeneratedTests.Render(catalog, target));
                output.WriteLine($"wrote {catalog.Requirements.Count(target.Lists)} test methods to {path}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

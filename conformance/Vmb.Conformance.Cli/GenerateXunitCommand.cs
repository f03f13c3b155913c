using System.CommandLine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Checks;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Xunit;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>`generate-xunit`: rewrites the xunit plug-in's test methods from the catalog and the engine's checks.</summary>
internal static class GenerateXunitCommand
{
    public static Command Create(RequirementCatalog catalog, TextWriter output)
    {
        var target = new Option<string>("--out") { Description = "File to write (run from the repository root for the default).", DefaultValueFactory = _ => GeneratedTests.RelativePath };
        var command = new Command("generate-xunit", "Regenerate the test methods of the xunit base class from the catalog.") { target };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(target)!;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is null || !Directory.Exists(folder))
                throw new UsageException($"generate-xunit: folder '{folder}' does not exist (run from the repository root or pass --out)");
            var checkedIds = CheckRegistry.All().Select(c => c.RequirementId).ToHashSet(StringComparer.Ordinal);
            ReportFiles.WriteAtomically(path, GeneratedTests.Render(catalog, checkedIds));
            output.WriteLine($"wrote {catalog.Requirements.Count} test methods to {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}

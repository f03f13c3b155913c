using System.CommandLine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.Scenarios;
using Vmb.Ring;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>
/// vmb-conformance: run the channel and ring-level suites against the reference and write the reports, replay a
/// channel or ring counterexample, list the catalog, regenerate the xunit plug-in's test methods. Usage errors are one line and exit code 2.
/// </summary>
internal static class CliApp
{
    /// <summary>What --help says above the commands: the tool's job and the exit-code table every command shares (D30).</summary>
    public static string Description =>
        "Judges VMBus incoming-packet implementations (channel and ring levels) against the requirement catalog." + Environment.NewLine +
        "Exit codes (every command):" + Environment.NewLine +
        string.Join(Environment.NewLine, ExitCodes.Table.Select(e => $"  {e.Code}  {e.Meaning}"));

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RequirementCatalog catalog;
        try
        {
            catalog = RequirementCatalog.Load();
        }
        catch (CatalogFormatException e)
        {
            error.WriteLine($"vmb-conformance: the embedded catalog is unusable: {e.Message}");
            return ExitCodes.HarnessError;
        }
        var root = new RootCommand(Description)
        {
            RunCommand.Create(catalog, output, error),
            ReplayCommand.Create(output, new ReferenceRing()),
            ListCommand.Create(catalog, output),
            GenerateXunitCommand.Create(catalog, output),
            CompareCommand.Create(output),
            ReportCommand.Create(catalog, output),
            MergeCommand.Create(catalog, output),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // An unknown word explains more than "required command was not provided", so it goes first.
            var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            var where = parsed.CommandResult.Command == root ? "" : $" {parsed.CommandResult.Command.Name}";
            error.WriteLine($"vmb-conformance{where}: {first.Message} (commands: run, replay, compare, report, merge, list, generate-xunit; --help for more)");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"vmb-conformance: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ScenarioFormatException e)
        {
            error.WriteLine($"vmb-conformance: bad scenario: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ReportWriteException e)
        {
            error.WriteLine($"vmb-conformance: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"vmb-conformance: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            // Never a stack trace as user interface: name the failure, and say it is the harness's.
            error.WriteLine($"vmb-conformance: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.HarnessError;
        }
    }
}

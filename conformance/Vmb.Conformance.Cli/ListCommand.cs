using System.CommandLine;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Cli;

/// <summary>`list`: the catalog, one requirement per line: ID, level, the levels whose checks judge it (or why none does), statement.</summary>
internal static class ListCommand
{
    public static Command Create(RequirementCatalog catalog, TextWriter output)
    {
        var area = new Option<string[]>("--area") { Description = "Only these areas, e.g. PP,CMPL.", AllowMultipleArgumentsPerToken = true };
        var level = new Option<string[]>("--requirement-level") { Description = "Only these requirement levels, e.g. MUST,SHOULD.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("list", "Print the requirement catalog.") { area, level };
        command.SetAction(parse =>
        {
            var areas = Inputs.Areas(parse.GetValue(area));
            var levels = Inputs.Levels(parse.GetValue(level));
            output.WriteLine($"catalog {catalog.CatalogVersion}, {catalog.Requirements.Count} requirements");
            foreach (var r in catalog.Requirements)
            {
                if (areas.Count > 0 && !areas.Contains(r.Area.Format())) continue;
                if (levels.Count > 0 && !levels.Contains(r.Level.Format())) continue;
                // Which engine levels judge the rule (a check declares the ID it judges), or why none does.
                var judgedAt = new[] { (ChannelLevel.LevelName, ChannelLevel.JudgedRequirementIds), (RingLevel.LevelName, RingLevel.JudgedRequirementIds) }
                    .Where(l => l.Item2.Contains(r.Id)).Select(l => l.Item1).ToList();
                var how = judgedAt.Count > 0 ? $"check:{string.Join("+", judgedAt)}" : r.Verification == Verification.Check ? "untested" : r.Verification.Format();
                output.WriteLine($"{r.Id,-11} {r.LevelLabel,-12} {how,-19} {r.Statement}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

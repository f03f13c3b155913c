using System.CommandLine;
using Vmb.Conformance.Checks;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `replay`: runs one scenario against the reference and judges one requirement on it. The scenario comes from a
/// file (positional) or inline (--scenario, the form the printed replay line uses). Exit 1 when the failure
/// reproduces, 0 when the rule held.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string?>("scenario-file") { Description = "A scenario JSON file.", Arity = ArgumentArity.ZeroOrOne };
        var inline = new Option<string?>("--scenario") { Description = "The scenario as JSON text (as printed in a replay line)." };
        var requirement = new Option<string>("--requirement") { Description = "The requirement ID to judge, e.g. R-PP-5.", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Framing profile of the reference (default: the scenario's)." };
        var fault = new Option<string?>("--fault") { Description = "Wrap the reference in a known-bad fixture of Vmb.Faulty (e.g. BufferIncludesDescriptor), to see a failing run." };
        var command = new Command("replay", "Replay a scenario and judge one requirement on it.") { file, inline, requirement, profile, fault };
        command.SetAction(parse =>
        {
            var scenario = Load(parse.GetValue(file), parse.GetValue(inline));
            var id = parse.GetValue(requirement)!.ToUpperInvariant();
            if (CheckRegistry.All().All(c => c.RequirementId != id))
                throw new UsageException($"--requirement: no check judges '{id}' (see `vmb-conformance list` for the rules that have one)");
            var chosen = parse.GetValue(profile) is { } p ? Inputs.Profile(p) : scenario.Options.Profile;
            var result = ConformanceRunner.Replay(Inputs.Implementation(chosen, parse.GetValue(fault)), scenario, id);
            output.WriteLine($"{id}: {(result.Reproduced ? "FAILURE REPRODUCED" : result.Outcome.Status == CheckStatus.Pass ? "held" : "not exercised")}" +
                             $" (run {result.Run.Outcome}{(result.Run.OutcomeDetail is { } d ? $": {d}" : "")})");
            if (result.Outcome.Message is { } message) output.WriteLine(message);
            output.WriteLine(Trace.Excerpt(result.Run.Events, result.Outcome.EventIndex));
            return result.Reproduced ? ExitCodes.NotConformant : ExitCodes.Ok;
        });
        return command;
    }

    private static Scenario Load(string? path, string? inline)
    {
        if (path is not null && inline is not null) throw new UsageException("replay: give the scenario as a file or with --scenario, not both");
        if (inline is not null) return ScenarioJson.Parse(inline, "--scenario");
        if (path is null) throw new UsageException("replay: no scenario given; pass a scenario file or --scenario '<json>'");
        if (!File.Exists(path)) throw new UsageException($"replay: scenario file '{path}' does not exist");
        return ScenarioJson.Load(path);
    }
}

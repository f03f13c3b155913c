using System.CommandLine;
using Vmb.Conformance.Checks;
using Vmb.Conformance.RingLevel;
using Vmb.Conformance.RingLevel.Checks;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `replay-ring`: runs one ring scenario against a ring (the reference ring in the shipped command) and judges one ring-level requirement on it; the
/// form of the replay line printed with every ring counterexample. Exit 1 when the failure reproduces, 0 when the rule held.
/// </summary>
internal static class ReplayRingCommand
{
    /// <param name="output">Where the verdict and trace excerpt go.</param>
    /// <param name="ring">The ring to replay against: the reference ring in the shipped command; tests pass a broken one.</param>
    public static Command Create(TextWriter output, IRingImplementation ring)
    {
        var file = new Argument<string?>("scenario-file") { Description = "A ring scenario JSON file.", Arity = ArgumentArity.ZeroOrOne };
        var inline = new Option<string?>("--scenario") { Description = "The ring scenario as JSON text (as printed in a replay line)." };
        var requirement = new Option<string>("--requirement") { Description = "The requirement ID to judge, e.g. R-DESC-1.", Required = true };
        var command = new Command("replay-ring", "Replay a ring scenario against the reference ring and judge one requirement on it.") { file, inline, requirement };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(requirement)!.ToUpperInvariant();
            if (RingCheckRegistry.All().All(c => c.RequirementId != id))
                throw new UsageException($"--requirement: no ring check judges '{id}' (see `vmb-conformance list`; channel rules replay with `replay`)");
            var scenario = Load(parse.GetValue(file), parse.GetValue(inline));
            var result = RingConformanceRunner.Replay(ring, scenario, id);
            output.WriteLine($"{id}: {(result.Reproduced ? "FAILURE REPRODUCED" : result.Outcome.Status == CheckStatus.Pass ? "held" : "not exercised")}" +
                             $" ({result.Run.Implementation}{(result.Run.AttachError is { } e ? $", attach: {e}" : "")})");
            if (result.Outcome.Message is { } message) output.WriteLine(message);
            output.WriteLine(result.Run.Excerpt(result.Outcome.EventIndex));
            return result.Reproduced ? ExitCodes.NotConformant : ExitCodes.Ok;
        });
        return command;
    }

    private static RingScenario Load(string? path, string? inline)
    {
        if (path is not null && inline is not null) throw new UsageException("replay-ring: give the scenario as a file or with --scenario, not both");
        if (path is null && inline is null) throw new UsageException("replay-ring: no scenario given; pass a ring scenario file or --scenario '<json>'");
        if (path is not null && !File.Exists(path)) throw new UsageException($"replay-ring: scenario file '{path}' does not exist");
        var where = path ?? "--scenario";
        try
        {
            return RingScenario.FromJson(inline ?? File.ReadAllText(path!));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"replay-ring: bad ring scenario in {where}: {e.Message}");
        }
    }
}

using System.CommandLine;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Testee;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `replay`: runs one scenario of any level against the reference (or a known-bad fixture) and judges one requirement
/// on it; the form of the replay line printed with every counterexample. The scenario comes from a file (positional)
/// or inline (--scenario). Exit 1 when the failure reproduces, 0 when the rule held (D30).
/// </summary>
internal static class ReplayCommand
{
    /// <param name="output">Where the verdict and trace excerpt go.</param>
    /// <param name="ring">The ring the ring level replays against: the reference ring in the shipped command; tests pass a broken one.</param>
    public static Command Create(TextWriter output, IRingImplementation ring)
    {
        var file = new Argument<string?>("scenario-file") { Description = "A scenario JSON file.", Arity = ArgumentArity.ZeroOrOne };
        var inline = new Option<string?>("--scenario") { Description = "The scenario as JSON text (as printed in a replay line)." };
        var requirement = new Option<string>("--requirement") { Description = "The requirement ID to judge, e.g. R-PP-5.", Required = true };
        var level = new Option<string?>("--level") { Description = "The engine level the scenario belongs to: channel or ring (default: the only level with a check for the requirement)." };
        var profile = new Option<string?>("--profile") { Description = "Channel level: framing profile of the reference (default: the scenario's)." };
        var fault = new Option<string?>("--fault") { Description = "Replay against a known-bad fixture of Vmb.Faulty: a channel fixture (e.g. BufferIncludesDescriptor) or, at the ring level, a broken ring (e.g. wrong-trailer)." };
        var testee = new Option<string?>("--testee") { Description = "Replay against an implementation in another process: the command that starts it (as given to run --testee)." };
        var stepLimit = new Option<string?>("--step-limit") { Description = "With --testee: seconds the testee may take to answer one message (default 5)." };
        var command = new Command("replay", "Replay a scenario of any level and judge one requirement on it.") { file, inline, requirement, level, profile, fault, testee, stepLimit };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(requirement)!.ToUpperInvariant();
            var chosenLevel = Inputs.EngineLevelFor(parse.GetValue(level), id);
            var text = Load(parse.GetValue(file), parse.GetValue(inline), out var where);
            if (parse.GetValue(testee) is { } program)
            {
                if (parse.GetValue(fault) is not null) throw new UsageException("--fault: wraps the reference channel; it cannot be combined with --testee");
                var limits = Inputs.TesteeLimits(parse.GetValue(stepLimit));
                if (chosenLevel == RingLevel.LevelName)
                {
                    using var remoteRing = Inputs.StartTestee(() => TesteeRing.Start(program, limits));
                    return Replay(new RingLevel(remoteRing), text, where, id, output);
                }
                using var remoteChannel = Inputs.StartTestee(() => TesteeChannel.Start(program, limits));
                return Replay(new ChannelLevel(remoteChannel), text, where, id, output);
            }
            if (parse.GetValue(stepLimit) is not null) throw new UsageException("--step-limit: only with --testee");
            return chosenLevel == RingLevel.LevelName
                ? Replay(new RingLevel(Inputs.Ring(ring, parse.GetValue(fault))), text, where, id, output)
                : ReplayChannel(text, where, id, parse.GetValue(profile), parse.GetValue(fault), output);
        });
        return command;
    }

    private static int ReplayChannel(string text, string where, string id, string? profile, string? fault, TextWriter output)
    {
        var scenario = Parse(new ChannelLevel(Inputs.Reference(FramingProfile.Raw)), text, where);
        var chosen = profile is { } p ? Inputs.Profile(p) : scenario.Options.Profile;
        return Replay(new ChannelLevel(Inputs.Implementation(chosen, fault)), text, where, id, output);
    }

    private static int Replay<TScenario, TRun>(Level<TScenario, TRun> level, string text, string where, string id, TextWriter output)
        where TScenario : class where TRun : class
    {
        if (level.Checks.All(c => c.RequirementId != id))
            throw new UsageException($"--requirement: the {level.Name} level has no check for '{id}' (see `vmb-conformance list`)");
        var result = SuiteRunner.Replay(level, Parse(level, text, where), id);
        var verdict = result.Reproduced ? "FAILURE REPRODUCED" : result.Outcome.Status == CheckStatus.Pass ? "held" : "not exercised";
        output.WriteLine($"{id}: {verdict} ({level.Name} level, {level.Implementation.Name}, run {result.End.Outcome}{(result.End.Detail is { } d ? $": {d}" : "")})");
        if (result.Outcome.Message is { } message) output.WriteLine(message);
        output.WriteLine(result.Excerpt);
        return result.Reproduced ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static TScenario Parse<TScenario, TRun>(Level<TScenario, TRun> level, string text, string where)
        where TScenario : class where TRun : class
    {
        try
        {
            return level.FromJson(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UsageException($"replay: bad {level.Name} scenario in {where}: {e.Message}");
        }
    }

    private static string Load(string? path, string? inline, out string where)
    {
        if (path is not null && inline is not null) throw new UsageException("replay: give the scenario as a file or with --scenario, not both");
        if (inline is not null)
        {
            where = "--scenario";
            return inline;
        }
        if (path is null) throw new UsageException("replay: no scenario given; pass a scenario file or --scenario '<json>'");
        if (!File.Exists(path)) throw new UsageException($"replay: scenario file '{path}' does not exist");
        where = path;
        return File.ReadAllText(path);
    }
}

using System.Globalization;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Testee;
using Vmb.Faulty;
using Vmb.Faulty.Rings;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Cli;

/// <summary>Turns option text into values; every failure is a <see cref="UsageException"/> naming the option.</summary>
internal static class Inputs
{
    public static FramingProfile Profile(string text) => text.ToLowerInvariant() switch
    {
        "raw" => FramingProfile.Raw,
        "pipe" => FramingProfile.Pipe,
        _ => throw new UsageException($"--profile: '{text}' is not a framing profile; expected raw or pipe"),
    };

    public static ulong Seed(string text)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new UsageException($"--seed: '{text}' is not a seed; expected a non-negative integer (decimal or 0x hex) below 2^64");
    }

    public static int Scenarios(string text) => Count(text, "--scenarios");

    // One reading of a scenario count for the option and the environment variable, so both refuse the same texts.
    private static int Count(string text, string source, string remedy = "") =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{source}: '{text}' is not a scenario count; expected a whole number from 1 to {int.MaxValue}{remedy}");

    /// <summary>A positive number of seconds (decimals allowed), at most one hour.</summary>
    public static TimeSpan Seconds(string option, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 3600
            ? TimeSpan.FromSeconds(s)
            : throw new UsageException($"{option}: '{text}' is not a time limit; expected seconds above 0 and at most 3600, e.g. 5 or 0.5");

    /// <summary>A saved JSON report read back into the result model; a missing file or one that is not a report is bad input for <paramref name="command"/>.</summary>
    public static SuiteResult JsonResult(string command, string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{command}: '{path}' does not exist");
        try
        {
            return Reports.JsonResultReader.Read(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new UsageException($"{command}: {path}: {e.Message}");
        }
    }

    /// <summary>A wall-clock budget in seconds (decimals allowed), above 0 and at most a week.</summary>
    public static TimeSpan Duration(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 7 * 24 * 3600
            ? TimeSpan.FromSeconds(s)
            : throw new UsageException($"--duration: '{text}' is not a time budget; expected seconds above 0 and at most 604800 (a week), e.g. 30 or 0.5");

    // A filter given with nothing in it would select nothing, or (read as "no filter") everything: either way not what was asked.
    private static List<string> NotEmpty(string option, IEnumerable<string>? given, List<string> items, string what) =>
        given is not null && given.Any() && items.Count == 0 ? throw new UsageException($"{option}: no {what} given (leave the option out to judge them all)") : items;

    /// <summary>
    /// The scenario count from --scenarios, else from the environment variable, else the default; a variable that is set
    /// but not a positive whole number is bad input, not silently the default.
    /// </summary>
    public static int Scenarios(string? option, SuiteOptions defaults, Func<string, string?>? readVariable = null)
    {
        if (option is not null) return Scenarios(option);
        var variable = (readVariable ?? Environment.GetEnvironmentVariable)(SuiteOptions.ScenariosVariable);
        return string.IsNullOrWhiteSpace(variable) ? defaults.Scenarios : Count(variable, SuiteOptions.ScenariosVariable, ", or unset it");
    }

    /// <summary>Comma- or space-separated items of an option that may be repeated.</summary>
    public static IEnumerable<string> Items(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static IReadOnlyList<string> Ids(IEnumerable<string>? values, RequirementCatalog catalog)
    {
        var ids = NotEmpty("--only", values, Items(values).Select(i => i.ToUpperInvariant()).ToList(), "requirement IDs");
        foreach (var id in ids)
            if (catalog.Find(id) is null) throw new UsageException($"--only: '{id}' is not a requirement of catalog {catalog.CatalogVersion} (see `vmb-conformance list`)");
        return ids;
    }

    public static IReadOnlyList<string> Areas(IEnumerable<string>? values)
    {
        var areas = NotEmpty("--area", values, Items(values).Select(a => a.ToUpperInvariant()).ToList(), "areas");
        foreach (var area in areas)
            if (!RequirementAreas.TryParse(area, out _)) throw new UsageException($"--area: '{area}' is not an area; expected any of {string.Join(", ", RequirementAreas.Names)}");
        return areas;
    }

    /// <summary>Levels may be written MUST_NOT, must-not or "MUST NOT".</summary>
    public static IReadOnlyList<string> Levels(IEnumerable<string>? values)
    {
        var joined = string.Join(",", values ?? []);
        var levels = NotEmpty("--requirement-level", values, joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.ToUpperInvariant().Replace('_', ' ').Replace('-', ' ')).ToList(), "requirement levels");
        foreach (var level in levels)
            if (!RequirementLevels.TryParse(level, out _)) throw new UsageException($"--requirement-level: '{level}' is not a requirement level; expected any of {string.Join(", ", RequirementLevels.Names)}");
        return levels;
    }

    /// <summary>The engine levels a run judges: both unless <paramref name="text"/> names one.</summary>
    public static IReadOnlyList<string> EngineLevels(string? text) => text is null ? EngineLevelNames : [EngineLevel(text)];

    /// <summary>
    /// The engine level a replay runs at: the one named, or else the only level with a check for <paramref name="requirementId"/>.
    /// </summary>
    public static string EngineLevelFor(string? text, string requirementId)
    {
        if (text is not null) return EngineLevel(text);
        var judging = EngineLevelNames.Where(l => l == ChannelLevel.LevelName
            ? ChannelLevel.JudgedRequirementIds.Contains(requirementId)
            : RingLevel.JudgedRequirementIds.Contains(requirementId)).ToList();
        return judging.Count switch
        {
            1 => judging[0],
            0 => throw new UsageException($"--requirement: no check judges '{requirementId}' at any level (see `vmb-conformance list`)"),
            _ => throw new UsageException($"--requirement: '{requirementId}' is judged at both levels; say which with --level channel or --level ring"),
        };
    }

    private static readonly IReadOnlyList<string> EngineLevelNames = [ChannelLevel.LevelName, RingLevel.LevelName];

    public static string EngineLevel(string text)
    {
        var name = text.Trim().ToLowerInvariant();
        if (EngineLevelNames.Contains(name)) return name;
        var hint = RequirementLevels.TryParse(text.ToUpperInvariant().Replace('_', ' ').Replace('-', ' '), out _)
            ? "; to filter by requirement level use --requirement-level"
            : "";
        throw new UsageException($"--level: '{text}' is not an engine level; expected channel or ring{hint}");
    }

    /// <summary>The testee's limits from --step-limit (seconds), or the defaults.</summary>
    public static TesteeOptions TesteeLimits(string? stepLimit) =>
        new() { StepLimit = stepLimit is null ? new TesteeOptions().StepLimit : Seconds("--step-limit", stepLimit) };

    /// <summary>Starts a testee; one that cannot start or fails the handshake is bad input (exit 2, one line).</summary>
    public static T StartTestee<T>(Func<T> start)
    {
        try
        {
            return start();
        }
        catch (TesteeStartException e)
        {
            throw new UsageException($"--testee: {string.Join(" | ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
        }
    }

    /// <summary>What a replay line needs to judge the same testee again: <c>--testee '…'</c>, and the step limit when one was given.</summary>
    public static string TesteeReplayArguments(string command, string? stepLimit) =>
        $"--testee {ShellQuote(command)}{(stepLimit is null ? "" : $" --step-limit {ShellQuote(stepLimit)}")}";

    // Single quotes keep every character but the quote itself, which is closed, escaped and reopened.
    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    /// <summary>The name a broken ring goes by on the command line: its bug, without the ring it wraps.</summary>
    public static string BrokenRingName(BrokenRing ring) => ring.BugName;

    /// <summary>
    /// The ring judged at the ring level: <paramref name="reference"/>, or the broken ring named <paramref name="fault"/>
    /// over the reference ring, as its proof and `run --all` judge it.
    /// </summary>
    public static IRingImplementation Ring(IRingImplementation reference, string? fault)
    {
        if (fault is null) return reference;
        var rings = BrokenRing.AsProven(() => new ReferenceRing());
        return rings.FirstOrDefault(r => string.Equals(BrokenRingName(r), fault, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--fault: '{fault}' is not a broken ring; at the ring level expected one of {string.Join(", ", rings.Select(BrokenRingName))}");
    }

    /// <summary>A positive whole number of parallel jobs; default: one per core.</summary>
    public static int Jobs(string? text) =>
        text is null ? Environment.ProcessorCount
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 256 ? n
        : throw new UsageException($"--jobs: '{text}' is not a whole number from 1 to 256");

    public static IChannelImplementation Reference(FramingProfile profile) => new ReferenceChannelImplementation(new KmclOptions { Profile = profile });

    /// <summary>The reference, or the reference wrapped in the known-bad fixture named <paramref name="fault"/>.</summary>
    public static IChannelImplementation Implementation(FramingProfile profile, string? fault)
    {
        var reference = Reference(profile);
        if (fault is null) return reference;
        var fixtures = FaultList.All(reference);
        return fixtures.FirstOrDefault(f => string.Equals(f.FaultName, fault, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--fault: '{fault}' is not a fixture; expected one of {string.Join(", ", fixtures.Select(f => f.FaultName))}");
    }
}

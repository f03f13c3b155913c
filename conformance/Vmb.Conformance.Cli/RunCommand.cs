using System.CommandLine;
using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Testee;
using Vmb.Faulty;
using Vmb.Faulty.Rings;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `run`: the channel level against the reference channel and the ring level against the reference ring (or the one
/// level named by --level), each writing its pair of reports; the exit code is the worst verdict of the levels run (D30).
/// </summary>
internal static class RunCommand
{
    public const string DefaultOut = "conformance-out";

    // The worst verdict decides the exit code: a failure outranks a harness error, which outranks missing evidence.
    private static readonly SuiteVerdict[] Severity = [SuiteVerdict.NotConformant, SuiteVerdict.HarnessError, SuiteVerdict.Inconclusive, SuiteVerdict.Conformant];

    public static Command Create(RequirementCatalog catalog, TextWriter output, TextWriter error)
    {
        var outDir = new Option<string>("--out") { Description = "Folder for the reports (conformance-report.md, .json, .junit.xml, .html, .svg; ring-conformance-report.* for the ring level).", DefaultValueFactory = _ => DefaultOut };
        var scenarios = new Option<string?>("--scenarios") { Description = $"Scenarios to generate per level (default {new SuiteOptions().Scenarios}, or ${SuiteOptions.ScenariosVariable})." };
        var seed = new Option<string?>("--seed") { Description = "Seed of the run (decimal or 0x hex)." };
        var level = new Option<string?>("--level") { Description = "The engine level to run: channel or ring (default: both)." };
        var profile = new Option<string>("--profile") { Description = "Framing profile of the reference: raw or pipe.", DefaultValueFactory = _ => "raw" };
        var only = new Option<string[]>("--only") { Description = "Requirement IDs to judge (comma-separated).", AllowMultipleArgumentsPerToken = true };
        var area = new Option<string[]>("--area") { Description = "Areas to judge, e.g. PP,CMPL.", AllowMultipleArgumentsPerToken = true };
        var requirementLevel = new Option<string[]>("--requirement-level") { Description = "Requirement levels to judge, e.g. MUST,SHOULD (MUST_NOT for MUST NOT).", AllowMultipleArgumentsPerToken = true };
        var testee = new Option<string?>("--testee") { Description = "Judge an implementation in another process instead of the reference: the command that starts it (split into words like a shell, never run by one), speaking spec/testee-protocol.md, at the --level given (default ring)." };
        var stepLimit = new Option<string?>("--step-limit") { Description = "With --testee: seconds the testee may take to answer one message before it is killed and the operation is a timeout (default 5)." };
        var fault = new Option<string?>("--fault") { Description = "Judge a known-bad fixture of Vmb.Faulty instead of the reference: a channel fixture (e.g. BufferIncludesDescriptor; only the channel level runs) or a broken ring (e.g. wrong-trailer; only the ring level runs)." };
        var all = new Option<bool>("--all") { Description = "Judge the reference channel and ring and every fixture, write every format of each report and index.html (the matrix); exit 0 when the reference is conformant and every fixture failed exactly what it declares." };
        var jobs = new Option<string?>("--jobs") { Description = "Work in parallel (default: one job per core): with --all, implementations judged at once; otherwise scenarios of an in-process run judged at once. The reports do not depend on it." };
        var duration = new Option<string?>("--duration") { Description = "Stop generating scenarios once this many seconds are spent (each level, each implementation); the report says so." };
        var addTestee = new Option<string[]>("--add-testee") { Description = "With --all: also judge an implementation in another process, as LEVEL=COMMAND (e.g. ring=./my-ring-testee); repeatable; expected to be conformant for what it declares." };
        var shard = new Option<string?>("--shard") { Description = "Judge only shard K of N of the scenario stream (K/N, e.g. 2/4): scenarios whose index mod N is K-1; `merge` combines the shards' JSON reports into one." };
        var corpus = new Option<string?>("--corpus") { Description = "Judge the scenarios of a file (one JSON scenario per line, as replay lines carry them; .gz for gzip) instead of generating them, at the one level named by --level: scenario i is line i, the file taken again from its first line when --scenarios asks for more (default: as many as it holds). The report records the file's SHA-256." };
        var expect = new Option<string?>("--expect-failures") { Description = "A file listing the root failures expected (one requirement ID per line, # comments): an unlisted root failure or a listed rule that now passes fails the run." };
        var command = new Command("run", "Run the engine's levels against the reference (or a fixture, a testee, or everything with --all) and write their reports.")
            { outDir, scenarios, seed, level, profile, only, area, requirementLevel, fault, testee, stepLimit, all, jobs, duration, addTestee, shard, expect, corpus };
        command.SetAction(parse =>
        {
            var defaults = new SuiteOptions();
            var progress = Progress.For(error);
            var fixedScenarios = parse.GetValue(corpus) is { } corpusPath ? Corpus(parse, corpusPath, seed, all, level, profile) : null;
            if (fixedScenarios is not null) defaults = defaults with { Scenarios = fixedScenarios.Count, Corpus = fixedScenarios };
            var options = defaults with
            {
                Scenarios = Inputs.Scenarios(parse.GetValue(scenarios), defaults),
                Seed = parse.GetValue(seed) is { } s ? Inputs.Seed(s) : defaults.Seed,
                OnlyIds = Inputs.Ids(parse.GetValue(only), catalog),
                OnlyAreas = Inputs.Areas(parse.GetValue(area)),
                OnlyLevels = Inputs.Levels(parse.GetValue(requirementLevel)),
                Duration = parse.GetValue(duration) is { } d ? Inputs.Duration(d) : null,
                Progress = progress.Scenarios,
                Shard = parse.GetValue(shard) is { } k ? Shard.TryParse(k) ?? throw new UsageException($"--shard: '{k}' is not K/N with 1 <= K <= N <= 10000, e.g. 2/4") : Shard.Whole,
            };
            var expected = parse.GetValue(expect) is { } list ? ExpectedFailureList.Load(list, catalog) : null;
            var directory = parse.GetValue(outDir)!;
            if (parse.GetValue(all))
            {
                if (parse.GetValue(testee) is not null || parse.GetValue(fault) is not null || parse.GetValue(level) is not null || expected is not null)
                    throw new UsageException("--all: judges the references and every fixture; it takes no --testee, --fault, --level or --expect-failures");
                return AllRuns.Run(options with { Progress = null }, Inputs.Profile(parse.GetValue(profile)!), Inputs.Jobs(parse.GetValue(jobs)), directory, catalog, output, progress,
                    (parse.GetValue(addTestee) ?? []).Select(TesteeRun.Parse).ToList());
            }
            if (parse.GetValue(jobs) is not null && parse.GetValue(testee) is not null)
                throw new UsageException("--jobs: a testee is one process on one connection, judged one scenario at a time; leave --jobs out");
            options = options with { Workers = Inputs.Jobs(parse.GetValue(jobs)) };
            if (parse.GetValue(addTestee) is { Length: > 0 }) throw new UsageException("--add-testee: only with --all (to judge one testee, use --testee)");
            var results = parse.GetValue(testee) is { } program
                ? [RunTestee(program, parse.GetValue(level), parse.GetValue(fault), parse.GetValue(stepLimit), options, directory, catalog, output)]
                : RunInProcess(parse.GetValue(level), parse.GetValue(fault), parse.GetValue(stepLimit), Inputs.Profile(parse.GetValue(profile)!), options, directory, catalog, output);
            return ExitCode(results, expected, catalog, output);
        });
        return command;
    }

    private static ScenarioCorpus Corpus(ParseResult parse, string path, Option<string?> seed, Option<bool> all, Option<string?> level, Option<string> profile)
    {
        if (parse.GetValue(all)) throw new UsageException("--corpus: judges one implementation at one level; it cannot be combined with --all");
        if (parse.GetValue(seed) is not null) throw new UsageException("--corpus: the scenarios come from the file, so a seed chooses nothing; leave --seed out");
        return CorpusInput.Load(path, parse.GetValue(level), Inputs.Profile(parse.GetValue(profile)!));
    }

    private static List<SuiteResult> RunInProcess(string? level, string? faultName, string? stepLimit, FramingProfile profile, SuiteOptions options, string directory,
        RequirementCatalog catalog, TextWriter output)
    {
        if (stepLimit is not null) throw new UsageException("--step-limit: only with --testee");
        var levels = Inputs.EngineLevels(level);
        var results = new List<SuiteResult>();
        if (faultName is not null)
        {
            // A fault names a channel fixture or a broken ring, and only its level says anything about it.
            var channelFixture = FaultList.All(Inputs.Reference(profile)).Any(f => string.Equals(f.FaultName, faultName, StringComparison.OrdinalIgnoreCase));
            var faultLevel = channelFixture ? ChannelLevel.LevelName : RingLevel.LevelName;
            if (level is not null && !levels.Contains(faultLevel))
                throw new UsageException($"--fault: '{faultName}' is {(channelFixture ? "a channel fixture" : "not a channel fixture")}; it cannot be judged at the {level} level");
            levels = [faultLevel];
        }
        if (levels.Contains(ChannelLevel.LevelName))
        {
            var implementation = Inputs.Implementation(profile, faultName);
            // A fixture's replay lines name it, so they reproduce the failure when run as printed.
            var replayed = implementation is FaultyImplementation f ? options with { ReplayArguments = $"--fault {f.FaultName}" } : options;
            var channel = ConformanceRunner.Run(implementation, replayed, catalog);
            Report(channel, ReportFiles.Write(directory, channel, catalog), catalog, output);
            results.Add(channel);
        }
        if (levels.Contains(RingLevel.LevelName))
        {
            var ringImplementation = Inputs.Ring(new ReferenceRing(), faultName);
            var replayed = faultName is null ? options : options with { ReplayArguments = $"--fault {Inputs.BrokenRingName((BrokenRing)ringImplementation)}" };
            var ring = RingConformanceRunner.Run(ringImplementation, replayed, catalog);
            Report(ring, ReportFiles.Write(directory, ring, catalog, ReportFiles.RingStem), catalog, output);
            results.Add(ring);
        }
        return results;
    }

    /// <summary>
    /// The worst verdict of the levels run (D30); with an expected-failure list, whether exactly the listed rules failed:
    /// 0 as expected, 1 when an unlisted root failed or a listed rule passed.
    /// </summary>
    private static int ExitCode(IReadOnlyList<SuiteResult> results, ExpectedFailureList? expected, RequirementCatalog catalog, TextWriter output)
    {
        var worst = results.Select(r => r.Classify(catalog)).MinBy(v => Array.IndexOf(Severity, v.Verdict))!;
        if (expected is null) return worst.ExitCode;
        var (unexpected, notes) = expected.Judge(results);
        foreach (var note in notes) output.WriteLine($"  expected-failures note: {note}");
        foreach (var line in unexpected) output.WriteLine($"  {line}");
        if (worst.Verdict == SuiteVerdict.HarnessError) return worst.ExitCode;
        if (unexpected.Count > 0)
        {
            output.WriteLine($"NOT AS EXPECTED: {unexpected.Count} difference(s) from {expected.Path}");
            return ExitCodes.Failure;
        }
        output.WriteLine($"AS EXPECTED: the root failures are exactly those listed in {expected.Path}");
        return worst.Verdict == SuiteVerdict.Inconclusive ? worst.ExitCode : ExitCodes.Success;
    }

    /// <summary>
    /// One level against an out-of-process testee. A testee that cannot be started or fails the handshake is bad input
    /// (exit 2, one line, nothing written); one that hangs, crashes or lies once running is judged (D24: timeout or crash
    /// on R-RING-15 or R-LIFE-22, failures of the rules it claimed); bytes that are not the protocol are a harness error (exit 4).
    /// </summary>
    private static SuiteResult RunTestee(string command, string? level, string? fault, string? stepLimit, SuiteOptions options, string directory,
        RequirementCatalog catalog, TextWriter output)
    {
        if (fault is not null) throw new UsageException("--fault: wraps the reference channel; it cannot be combined with --testee");
        var result = JudgeTestee(command, level, stepLimit, options, catalog, output);
        var stem = result.Level == ChannelLevel.LevelName ? ReportFiles.DefaultStem : ReportFiles.RingStem;
        Report(result, ReportFiles.Write(directory, result, catalog, stem), catalog, output);
        return result;
    }

    /// <summary>Starts the testee, judges it at <paramref name="level"/> (default ring) and stops it; <paramref name="output"/> hears what it declared.</summary>
    public static SuiteResult JudgeTestee(string command, string? level, string? stepLimit, SuiteOptions options, RequirementCatalog catalog, TextWriter? output = null)
    {
        var channel = level is not null && Inputs.EngineLevel(level) == ChannelLevel.LevelName;
        var limits = Inputs.TesteeLimits(stepLimit);
        // Every message of the testee's has the step limit; the core's per-scenario watchdog is only a backstop.
        var watched = options with
        {
            WatchdogLimit = TimeSpan.FromTicks(Math.Max(options.WatchdogLimit.Ticks, limits.StepLimit.Ticks * 100)),
            ReplayArguments = Inputs.TesteeReplayArguments(command, stepLimit),
        };
        if (channel)
        {
            using var remote = Inputs.StartTestee(() => TesteeChannel.Start(command, limits));
            var result = SharedMemory(() => ConformanceRunner.Run(remote, watched, catalog));
            var info = remote.Info;
            output?.WriteLine($"testee: {command} (declared {info.Name} {info.Version}; {info.Profile} profile; capabilities {info.Capabilities}; " +
                              $"{remote.ChildrenStarted} child process(es); {remote.Transport})");
            return result;
        }
        using var ring = Inputs.StartTestee(() => TesteeRing.Start(command, limits));
        var judged = SharedMemory(() => RingConformanceRunner.Run(ring, watched, catalog));
        output?.WriteLine($"testee: {command} (declared {ring.Name} {ring.Version}; " +
                          $"{string.Join(", ", RingCapabilitySides.Names("writer", ring.WriterCapabilities).Concat(RingCapabilitySides.Names("reader", ring.ReaderCapabilities)))}; " +
                          $"{ring.ChildrenStarted} child process(es); {ring.Transport})");
        return judged;
    }

    private static SuiteResult SharedMemory(Func<SuiteResult> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"the shared memory could not be set up: {e.Message}", e);
        }
    }

    private static string OneLine(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Prints one level's verdict and why, its failures and warnings, and where its reports are.</summary>
    private static void Report(SuiteResult result, ReportFiles.Written written, RequirementCatalog catalog, TextWriter output)
    {
        var summary = new ReportSummary(result, catalog);
        var verdict = result.Classify(catalog);
        output.WriteLine($"{verdict.Headline}: {result.Implementation.Name} {result.Implementation.Version} ({result.Level} level, {summary.Profile}), " +
                         $"{result.ScenariosGenerated} scenarios, {(result.Corpus is { } read ? $"corpus {read.Name}" : $"seed {result.Seed}")}, {result.Duration.TotalSeconds:0.0} s; " +
                         string.Join(", ", summary.ByVerdict.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key.Format()}")));
        if (verdict.Verdict != SuiteVerdict.Conformant) output.WriteLine($"  why: {verdict.Explanation}");
        if (result.Abandoned is { } abandoned) output.WriteLine($"  stopped early: {abandoned}");
        var roots = summary.RootFailures.ToList();
        if (roots.Count > 0) output.WriteLine($"  {roots.Count} distinct root cause(s), {summary.Consequences.Count()} consequence(s)");
        // A root gets its statement, what was seen and its replay line, once each; a consequence one line naming its root.
        foreach (var row in roots)
        {
            output.WriteLine($"  {(row.Binding ? "FAIL" : "fail")} {row.Result.RequirementId} ({row.Level}) {row.Result.Verdict.Format()}: {row.Requirement?.Statement ?? ""}");
            if (row.Result.Counterexample is { } c)
            {
                output.WriteLine($"       seen: {OneLine(c.Message)}");
                output.WriteLine($"       replay: {c.ReplayCommand}");
            }
            else if (row.Result.Detail is { } detail) output.WriteLine($"       {OneLine(detail)}");
        }
        foreach (var row in summary.Consequences)
            output.WriteLine($"  {(row.Binding ? "FAIL" : "fail")} {row.Result.RequirementId} ({row.Level}) {row.Result.Verdict.Format()}, consequence of {string.Join(", ", row.Result.ConsequenceOf)}");
        foreach (var row in summary.Warnings) output.WriteLine($"  warn {row.Result.RequirementId} ({row.Level}) {row.Result.Verdict.Format()}");
        output.WriteLine($"  reports: {string.Join(", ", written.All)}");
    }
}

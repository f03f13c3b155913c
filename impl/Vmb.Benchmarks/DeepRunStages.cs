using System.Diagnostics;
using System.Globalization;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Faulty.Faults;
using Vmb.Faulty.Rings;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Catalog;

namespace Vmb.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project impl/Vmb.Benchmarks -- stages [SCENARIOS [channel|ring|both [frozen]]]`: where a deep run's time goes, per
/// level, on one thread — generating the scenarios, driving them against the reference, and judging every run with
/// every check (coverage and field classes included) — and the shrinking stage, which a conformant run never reaches,
/// on a known-bad implementation of each level: a whole run with and without shrinking its counterexamples. With
/// "frozen" the scenarios are read from the frozen profile (fixtures/deep-profile, from the repository root) instead of
/// being generated, so "generate" is reading a scenario's JSON.
/// Printed for the README; nothing is asserted.
/// </summary>
internal static class DeepRunStages
{
    public static void Run(string[] args)
    {
        var scenarios = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var options = new SuiteOptions();
        var only = args.Length > 1 && args[1] != "both" ? args[1] : null;
        var frozen = args.Length > 2 && args[2] == "frozen";
        SuiteOptions For(string level) => frozen ? options with { Corpus = ScenarioCorpus.Load($"fixtures/deep-profile/{level}.jsonl.gz") } : options;
        if (only is null or "channel") Profile(new ChannelLevel(new ReferenceChannelImplementation()), scenarios, For("channel"));
        if (only is null or "ring") Profile(new RingLevel(new ReferenceRing()), scenarios, For("ring"));
        var catalog = RequirementCatalog.Load();
        var few = options with { Scenarios = Math.Max(100, scenarios / 10) };
        if (only is null or "channel") Shrinking("channel", few, o => ConformanceRunner.Run(new BufferIncludesDescriptor(new ReferenceChannelImplementation()), o, catalog));
        if (only is null or "ring") Shrinking("ring", few, o => RingConformanceRunner.Run(BrokenRing.WrongTrailer(new ReferenceRing()), o, catalog));
    }

    // The time a run spends shrinking and replaying its counterexamples: the same run with and without them.
    private static void Shrinking(string level, SuiteOptions options, Func<SuiteOptions, SuiteResult> run)
    {
        SuiteResult? result = null;
        var whole = Time(() => result = run(options));
        var unshrunk = Time(() => run(options with { Shrinks = _ => false, FlakyReplays = 1 }));
        var failing = result!.Results.Count(r => r.Counterexample is not null);
        Console.WriteLine($"{level}, {result.Implementation.Name}, {options.Scenarios:N0} scenarios: {whole.TotalSeconds:0.00} s with shrinking and replays, " +
            $"{unshrunk.TotalSeconds:0.00} s without; {failing} failing rule(s), {(whole - unshrunk).TotalSeconds:0.00} s on their counterexamples");
    }

    private static void Profile<TScenario, TRun>(Level<TScenario, TRun> level, int scenarios, SuiteOptions options)
        where TScenario : class where TRun : class
    {
        var generated = new TScenario[scenarios];
        var generate = Time(() => { for (var i = 0; i < scenarios; i++) generated[i] = level.ScenarioAt(options, i); });
        var runs = new TRun[scenarios];
        var each = new double[scenarios];
        var drive = Time(() =>
        {
            for (var i = 0; i < scenarios; i++)
            {
                var started = Stopwatch.GetTimestamp();
                runs[i] = level.Drive(generated[i], options);
                each[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        });
        // Where judging goes: situations, field classes and each check, so the costliest can be named.
        var parts = new Dictionary<string, long>();
        void Charge(string part, long started) => parts[part] = parts.GetValueOrDefault(part) + Stopwatch.GetTimestamp() - started;
        var judge = Time(() =>
        {
            foreach (var run in runs)
            {
                var started = Stopwatch.GetTimestamp();
                foreach (var situation in level.Situations(run)) GC.KeepAlive(situation);
                Charge("situations", started);
                started = Stopwatch.GetTimestamp();
                foreach (var field in level.FieldClasses(level.ScenarioOf(run))) GC.KeepAlive(field);
                Charge("field classes", started);
                foreach (var check in level.Checks)
                {
                    started = Stopwatch.GetTimestamp();
                    if (check.Judges(run)) GC.KeepAlive(check.Evaluate(run));
                    Charge($"{check.RequirementId} {check.GetType().Name}", started);
                }
            }
        });
        var total = generate + drive + judge;
        Console.WriteLine($"{level.Name}, {scenarios:N0} scenarios{(options.Corpus is { } c ? $" of the frozen profile ({c.Name})" : "")}, one thread: {scenarios / total.TotalSeconds:N0} scenarios/s");
        foreach (var (stage, time) in new[] { ("generate", generate), ("drive", drive), ("judge", judge) })
            Console.WriteLine($"  {stage,-9} {time.TotalSeconds,7:0.00} s  {time / total,6:P0}  {time.TotalMicroseconds / scenarios,8:0.0} µs/scenario");
        var costliest = parts.OrderByDescending(p => p.Value).Take(8)
            .Select(p => $"{p.Key} {Stopwatch.GetElapsedTime(0, p.Value).TotalMicroseconds / scenarios:0.0} µs");
        Console.WriteLine($"  judge's costliest parts per scenario: {string.Join("; ", costliest)}");
        // A few slow scenarios (long ones, probes racing a thread) can dominate driving: show how the time is spread.
        var slowest = Enumerable.Range(0, scenarios).OrderByDescending(i => each[i]).ToList();
        var sorted = each.Order().ToArray();
        var top = slowest.Take(Math.Max(1, scenarios / 50)).Sum(i => each[i]) / each.Sum();
        Console.WriteLine($"  drive per scenario: median {sorted[scenarios / 2]:0} µs, p99 {sorted[scenarios * 99 / 100]:0} µs, max {sorted[^1]:0} µs; the slowest 2 % take {top:P0} of driving");
        Console.WriteLine($"  slowest scenario indices: {string.Join(", ", slowest.Take(8))}");
        var racing = Enumerable.Range(0, scenarios).Where(i => level.RacesThreads(generated[i])).ToList();
        Console.WriteLine($"  scenarios racing threads: {racing.Count:N0}, {racing.Sum(i => each[i]) / each.Sum():P0} of driving");
        Console.WriteLine($"  collections so far: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; allocated {GC.GetTotalAllocatedBytes() / (1 << 20):N0} MiB, paused for collections {GC.GetTotalPauseDuration().TotalSeconds:0.00} s");
    }

    private static TimeSpan Time(Action stage)
    {
        var clock = Stopwatch.StartNew();
        stage();
        return clock.Elapsed;
    }
}

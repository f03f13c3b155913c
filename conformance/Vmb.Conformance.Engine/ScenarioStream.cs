using System.Diagnostics;
using System.Globalization;
using Vmb.Conformance.Results;

namespace Vmb.Conformance.Engine;

/// <summary>
/// Generates, drives and judges a run's scenario stream on one or more workers, each under its own watchdog. The
/// scenarios a shard holds are cut into chunks of consecutive indices; a worker judges a chunk into a part of its own,
/// and the parts are merged strictly in index order. Counts add up and the first failures, roots and problems stay
/// those of the earliest scenario, so the merged run is the one a single worker gets, for every number of workers
/// (D27). Parts that finish early wait for the ones before them, so memory stays flat over any number of scenarios.
/// </summary>
internal sealed class ScenarioStream<TScenario, TRun>
    where TScenario : class
    where TRun : class
{
    // Small enough that a budget or a hang cuts little finished work, large enough that merging costs nothing.
    private const int ChunkSize = 16;

    private readonly Level<TScenario, TRun> _level;
    private readonly SuiteOptions _options;
    private readonly Func<Watchdog, LevelRun<TScenario, TRun>> _newRun;
    private readonly Stopwatch _clock;
    private readonly int _held;
    private readonly int _chunks;
    private readonly Lock _mergeGate = new();
    private readonly Dictionary<int, Part> _waiting = new();
    private readonly RaceGate _races = new();
    private readonly Func<bool> _stopped;
    private int _nextChunk = -1;
    private int _nextToMerge;
    private bool _cut;
    private volatile bool _budgetSpent;
    private volatile bool _stopping;
    private Exception? _thrown;

    /// <param name="level">The level run.</param>
    /// <param name="options">The run's options: seed, shard, budget, progress.</param>
    /// <param name="newRun">A new, empty level run judging under the watchdog given.</param>
    /// <param name="held">How many scenarios of the stream the run's shard holds.</param>
    /// <param name="clock">Started with the run: the duration budget counts from it.</param>
    public ScenarioStream(Level<TScenario, TRun> level, SuiteOptions options, Func<Watchdog, LevelRun<TScenario, TRun>> newRun, int held, Stopwatch clock)
    {
        _level = level;
        _options = options;
        _newRun = newRun;
        _held = held;
        _clock = clock;
        _chunks = (held + ChunkSize - 1) / ChunkSize;
        _stopped = () => _stopping;
    }

    /// <summary>Everything judged, merged in index order; it concludes under the watchdog that judged last.</summary>
    public LevelRun<TScenario, TRun>? Merged { get; private set; }

    /// <summary>Scenarios judged, counting one that never returned.</summary>
    public int Generated { get; private set; }

    /// <summary>The index of the first scenario that never returned, and the watchdog that lost its worker to it.</summary>
    public (int Index, Watchdog Watchdog)? Hung { get; private set; }

    /// <summary>Why generation stopped before the end of the stream when its duration budget was spent, or null.</summary>
    public string? StoppedOnBudget { get; private set; }

    /// <summary>How many workers a run of <paramref name="held"/> scenarios uses when <paramref name="requested"/> are asked for.</summary>
    public static int Workers(int requested, int held) => Math.Max(1, Math.Min(requested, (held + ChunkSize - 1) / ChunkSize));

    /// <summary>Judges the stream with one worker per watchdog; the caller's thread serves the first.</summary>
    public void Run(IReadOnlyList<Watchdog> watchdogs)
    {
        Merged = _newRun(watchdogs[0]);
        var helpers = watchdogs.Skip(1).Select(w => new Thread(() => WorkOrStop(w)) { IsBackground = true, Name = "vmb-conformance stream worker" }).ToList();
        foreach (var helper in helpers) helper.Start();
        WorkOrStop(watchdogs[0]);
        foreach (var helper in helpers) helper.Join();
        // A check that threw is the harness's failure (exit 4); it surfaces on the caller's thread, as with one worker.
        if (_thrown is { } thrown) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(thrown).Throw();
        if (_budgetSpent)
            StoppedOnBudget = string.Create(CultureInfo.InvariantCulture,
                $"generation stopped when its --duration budget of {_options.Duration!.Value.TotalSeconds:0.#} s was spent, after {Generated} of {_held} scenarios");
    }

    // A worker whose work threw stops every worker; the first exception is kept for the caller.
    private void WorkOrStop(Watchdog watchdog)
    {
        try
        {
            Work(watchdog);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _thrown, e, null);
            _stopping = true;
        }
    }

    // One worker: chunks until the stream ends, the budget is spent or a scenario hangs. A hang stops new chunks only, so
    // every chunk before the hung one is whole and the merged run is the prefix a single worker would have judged.
    private void Work(Watchdog watchdog)
    {
        Part? part = null;
        var finished = watchdog.TryRun(beat =>
        {
            while (!_stopping && !_budgetSpent)
            {
                var chunk = Interlocked.Increment(ref _nextChunk);
                if (chunk >= _chunks) return;
                part = new Part(chunk, _newRun(watchdog));
                var end = Math.Min(_held, (chunk + 1) * ChunkSize);
                for (var held = chunk * ChunkSize; held < end; held++)
                {
                    if (_options.Duration is { } budget && _clock.Elapsed >= budget)
                    {
                        _budgetSpent = true;
                        break;
                    }
                    beat();
                    var index = _options.Shard.Index(held);
                    Volatile.Write(ref part.Current, index);
                    var judging = part;
                    if (!JudgeOne(index, judging, watchdog, beat)) return;
                }
                part.Whole = !_budgetSpent;
                Deliver(part);
                part = null;
            }
        });
        if (finished) return;
        _stopping = true;
        // The worker is lost inside the scenario it was driving: that part ends there, the hung scenario counted.
        if (part is not { } lost) return;
        lost.HungAt = (Volatile.Read(ref lost.Current), watchdog);
        Deliver(lost);
    }

    // Generates, drives and judges one scenario inside the race gate: side by side with other workers' scenarios, or
    // alone for the drive of one that races threads, whose threads then have every core. With one worker the gate is
    // never contended, so a single-worker run goes exactly as before. False when the watchdog gave up on this worker.
    private bool JudgeOne(int index, Part part, Watchdog watchdog, Action beat)
    {
        var inside = _races.Enter(racing: false, beat, _stopped);
        try
        {
            var scenario = Generate(index);
            TRun driven;
            if (_level.RacesThreads(scenario))
            {
                if (inside) _races.Exit(racing: false);
                var alone = _races.Enter(racing: true, beat, _stopped);
                try
                {
                    driven = _level.Drive(scenario, _options);
                }
                finally
                {
                    if (alone) _races.Exit(racing: true);
                }
                inside = _races.Enter(racing: false, beat, _stopped);
            }
            else driven = _level.Drive(scenario, _options);
            return watchdog.Commit(() => { part.Judged++; part.Run.Judge(driven); });
        }
        finally
        {
            if (inside) _races.Exit(racing: false);
        }
    }

    // Runs over the same generated stream share its scenarios; a corpus is read, never shared.
    private TScenario Generate(int index) =>
        _options is { Corpus: null, SharedScenarios: { } shared } && _level.GeneratorKey is { } key
            ? shared.GetOrGenerate(key, ScenarioSeed.For(_options.Seed, index), _level.Generate)
            : _level.ScenarioAt(_options, index);

    // Merges every part that is next in index order; a part cut short (budget or hang) is the last one merged.
    private void Deliver(Part part)
    {
        lock (_mergeGate)
        {
            _waiting[part.Chunk] = part;
            while (_waiting.Remove(_nextToMerge, out var next))
            {
                _nextToMerge++;
                if (_cut) continue;
                Merged!.Absorb(next.Run);
                Generated += next.Judged;
                if (next.HungAt is { } hung)
                {
                    Generated++;
                    Hung = hung;
                    Merged.ConcludeUnder(hung.Watchdog);
                }
                _cut = !next.Whole;
                _options.Progress?.Invoke(new RunProgress(_level.Name, Generated, _held, Merged.FailedRules, _clock.Elapsed));
            }
        }
    }

    private sealed class Part(int chunk, LevelRun<TScenario, TRun> run)
    {
        public int Chunk { get; } = chunk;
        public LevelRun<TScenario, TRun> Run { get; } = run;
        public int Judged { get; set; }
        public bool Whole { get; set; }
        public (int Index, Watchdog Watchdog)? HungAt { get; set; }
        public int Current;
    }
}

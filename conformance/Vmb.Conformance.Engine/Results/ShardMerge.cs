using Vmb.Conformance.Fields;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Results;

/// <summary>Shard results that cannot be one run's: the message names the first difference.</summary>
public sealed class ShardMismatchException(string message) : Exception(message);

/// <summary>
/// Combines the results of a run's shards into the result of the whole run: counts summed, for each failing rule the
/// smallest counterexample of any shard kept, roots recomputed (a rule is a root when it was a root in any shard, D23),
/// coverage summed. The shards must stamp the same catalog, suite, seed, stream length, level and implementation, and
/// cover distinct slices of one cut.
/// </summary>
public static class ShardMerge
{
    /// <summary>Merges <paramref name="shards"/>, given in any order.</summary>
    /// <exception cref="ShardMismatchException">The results are not shards of one run.</exception>
    public static SuiteResult Merge(IReadOnlyList<SuiteResult> shards)
    {
        if (shards.Count == 0) throw new ShardMismatchException("no shard results given");
        var first = shards[0];
        foreach (var s in shards)
        {
            if (s.Shards is null) throw new ShardMismatchException($"a result of {Name(s)} is a whole run, not a shard (run with --shard K/N)");
            Same("catalog version", first.CatalogVersion, s.CatalogVersion);
            Same("suite version", first.SuiteVersion, s.SuiteVersion);
            Same("seed", first.Seed, s.Seed);
            Same("scenario corpus", first.Corpus?.ToString() ?? "none (generated)", s.Corpus?.ToString() ?? "none (generated)");
            Same("level", first.Level, s.Level);
            Same("implementation", Name(first), Name(s));
            Same("implementation's declaration", first.Implementation, s.Implementation);
            Same("shard count", first.Shards!.Count, s.Shards.Count);
            Same("scenario stream length", first.Shards.ScenariosPlanned, s.Shards.ScenariosPlanned);
            Same("requirement filter", string.Join(",", first.FilteredOut), string.Join(",", s.FilteredOut));
        }
        var numbers = shards.SelectMany(s => s.Shards!.Numbers).ToList();
        if (numbers.Distinct().Count() != numbers.Count)
            throw new ShardMismatchException($"shard {numbers.GroupBy(n => n).First(g => g.Count() > 1).Key}/{first.Shards!.Count} is given twice");
        var ordered = shards.OrderBy(s => s.Shards!.Numbers[0]).ToList();
        var results = first.Results.Select(r => r.RequirementId)
            .Select(id => Requirement(ordered.Select(s => s.Results.SingleOrDefault(r => r.RequirementId == id)
                ?? throw new ShardMismatchException($"requirement {id} is missing from shard {s.Shards}")).ToList()))
            .ToList();
        return new SuiteResult(first.Implementation, first.CatalogVersion, first.SuiteVersion, first.SchemaVersion, first.Seed,
            ordered.Sum(s => s.ScenariosGenerated), ordered.Min(s => s.StartedAt), ordered.Max(s => s.Duration), results, first.FilteredOut,
            Sum(ordered.Select(s => s.GeneratorCoverage)))
        {
            Level = first.Level,
            Corpus = first.Corpus,
            RequiredSituations = first.RequiredSituations,
            FieldCoverage = FieldCoverage(ordered),
            Abandoned = Joined(ordered.Select(s => s.Abandoned)),
            StoppedOnBudget = Joined(ordered.Select(s => s.StoppedOnBudget)),
            Shards = new ShardCoverage(first.Shards!.Count, numbers.Order().ToList(), first.Shards.ScenariosPlanned),
        };
    }

    // One rule across the shards: the worst verdict, its smallest counterexample, a root if any shard found it first.
    private static RequirementResult Requirement(IReadOnlyList<RequirementResult> each)
    {
        var problems = each.Where(r => r.Verdict.IsProblem()).ToList();
        RequirementResult chosen;
        IReadOnlyList<string> consequenceOf = [];
        var roots = problems.Where(r => r.ConsequenceOf.Count == 0).ToList();
        if (roots.Count > 0)
        {
            chosen = Strongest(roots);
        }
        else if (problems.Count > 0)
        {
            chosen = Strongest(problems);
            consequenceOf = problems.SelectMany(r => r.ConsequenceOf).Distinct().Order(StringComparer.Ordinal).ToList();
        }
        else
        {
            // Evidence from any shard counts: a rule exercised and held somewhere passed, even if another shard never met it.
            chosen = each.FirstOrDefault(r => r.Verdict == Verdict.Pass) ?? each.FirstOrDefault(r => r.Verdict == Verdict.Informational) ?? each[0];
        }
        return chosen with
        {
            ScenariosRun = each.Sum(r => r.ScenariosRun),
            ScenariosExercised = each.Sum(r => r.ScenariosExercised),
            ConsequenceOf = consequenceOf,
        };
    }

    // The most telling failure of a rule across shards: the most reproducible kind, then the smallest counterexample.
    private static RequirementResult Strongest(IEnumerable<RequirementResult> failures) =>
        failures.OrderBy(r => Rank(r.Verdict)).ThenBy(r => r.Counterexample?.PacketCount ?? int.MaxValue).First();

    // A reproducible failure outranks one that is not; a harness error says least about the implementation.
    private static int Rank(Verdict v) => v switch { Verdict.Fail => 0, Verdict.Timeout => 1, Verdict.Crash => 2, Verdict.Flaky => 3, _ => 4 };

    private static Dictionary<string, int> Sum(IEnumerable<IReadOnlyDictionary<string, int>> counts)
    {
        var sum = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in counts)
            foreach (var (key, n) in c) sum[key] = sum.GetValueOrDefault(key) + n;
        return sum;
    }

    private static List<FieldCoverageRow> FieldCoverage(IEnumerable<SuiteResult> shards) =>
        shards.SelectMany(s => s.FieldCoverage).GroupBy(r => (r.Field, r.Class))
            .Select(g => new FieldCoverageRow(g.Key.Field, g.Key.Class, g.Sum(r => r.Scenarios), g.Any(r => r.Required)))
            .OrderBy(r => r.Field, StringComparer.Ordinal).ThenBy(r => r.Class, StringComparer.Ordinal).ToList();

    private static string? Joined(IEnumerable<string?> notes)
    {
        var given = notes.OfType<string>().ToList();
        return given.Count == 0 ? null : string.Join("; ", given);
    }

    private static string Name(SuiteResult r) => $"{r.Implementation.Name} {r.Implementation.Version}";

    private static void Same<T>(string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new ShardMismatchException($"the shards differ in their {what}: '{expected}' and '{actual}'");
    }
}

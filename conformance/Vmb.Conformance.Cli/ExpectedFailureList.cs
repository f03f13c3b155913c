using Vmb.Conformance.Reports;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `--expect-failures FILE`: the root failures an implementation is known to have, one requirement ID per line
/// (`#` starts a comment). A run with such a list is as expected when it fails exactly the listed rules: an unlisted
/// root failure fails it, and so does a listed rule that now passes (stale). A listed rule that failed only sometimes,
/// was not exercised or was not judged is reported, never called stale.
/// </summary>
internal sealed class ExpectedFailureList
{
    private ExpectedFailureList(string path, IReadOnlyDictionary<string, int> lines) => (Path, Lines) = (path, lines);

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    /// <summary>Each listed ID with its line number.</summary>
    public IReadOnlyDictionary<string, int> Lines { get; }

    /// <summary>Reads the list; a missing file, an unknown ID or a duplicate is bad input naming the file and line.</summary>
    public static ExpectedFailureList Load(string path, RequirementCatalog catalog)
    {
        if (!File.Exists(path)) throw new UsageException($"--expect-failures: '{path}' does not exist");
        string[] text;
        try
        {
            text = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--expect-failures: {path} cannot be read: {e.Message}");
        }
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            var entry = text[i].Split('#')[0].Trim();
            if (entry.Length == 0) continue;
            var id = entry.ToUpperInvariant();
            if (catalog.Find(id) is null) throw new UsageException($"--expect-failures: {path}:{i + 1}: '{entry}' is not a requirement ID of catalog {catalog.CatalogVersion}");
            if (!lines.TryAdd(id, i + 1)) throw new UsageException($"--expect-failures: {path}:{i + 1}: {id} is listed twice (first on line {lines[id]})");
        }
        return new ExpectedFailureList(path, lines);
    }

    /// <summary>What the runs showed against the list: lines that make the run unexpected, and lines that are only notes.</summary>
    public (IReadOnlyList<string> Unexpected, IReadOnlyList<string> Notes) Judge(IReadOnlyList<SuiteResult> runs)
    {
        var verdicts = runs.SelectMany(r => r.Results).GroupBy(r => r.RequirementId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var unexpected = new List<string>();
        var notes = new List<string>();
        foreach (var root in verdicts.Values.SelectMany(v => v).Where(r => r.Verdict.IsProblem() && r.ConsequenceOf.Count == 0).Select(r => r.RequirementId).Distinct().Order(StringComparer.Ordinal))
            if (!Lines.ContainsKey(root)) unexpected.Add($"unexpected failure: {root} failed as a root and is not listed in {Path}");
        foreach (var (id, line) in Lines.OrderBy(l => l.Value))
        {
            var judged = verdicts.GetValueOrDefault(id) ?? [];
            var where = $"{Path}:{line}";
            if (judged.Any(r => r.Verdict is Verdict.Fail or Verdict.Timeout or Verdict.Crash or Verdict.HarnessError))
            {
                if (judged.All(r => r.ConsequenceOf.Count > 0 || !r.Verdict.IsProblem()))
                    notes.Add($"{where}: {id} still fails, now only as a consequence of {string.Join(", ", judged.SelectMany(r => r.ConsequenceOf).Distinct())}");
            }
            else if (judged.Any(r => r.Verdict == Verdict.Flaky)) notes.Add($"{where}: {id} failed only on some replays (flaky); kept, not stale");
            else if (judged.Any(r => r.Verdict == Verdict.Pass)) unexpected.Add($"stale: {id} passes now; remove it from {where}");
            else notes.Add($"{where}: {id} was {(judged.Count == 0 ? "not judged by this run" : string.Join(", ", judged.Select(r => r.Verdict.Format()).Distinct()))}; nothing to say about it");
        }
        return (unexpected, notes);
    }
}

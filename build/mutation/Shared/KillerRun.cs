using System.Runtime.CompilerServices;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Mutation.Killers;

/// <summary>
/// One judged run of the conformance suite inside a killer test. A mutant is killed when the suite's report changes
/// for a user: any rule given a problem verdict, the run abandoned, or any rule's verdict different from the
/// unmutated library's at the same options (a rule the reference passes turning *not exercised* makes a default run
/// INCONCLUSIVE instead of CONFORMANT). Stryker runs the test once per mutant, so the run is short and a failing rule
/// is neither shrunk nor replayed much; a mutant only has to be seen, not explained.
/// </summary>
internal static class KillerRun
{
    public static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    /// <summary>Set to 1 to write the unmutated library's verdicts as the expected ones instead of comparing.</summary>
    private const string WriteVariable = "VMB_KILLER_WRITE_EXPECTED";

    /// <summary>Options for <paramref name="scenarios"/> scenarios of the default seed, failing fast.</summary>
    public static SuiteOptions Options(int scenarios) => new()
    {
        Scenarios = scenarios,
        FlakyReplays = 1,
        ShrinkBudget = 1,
        ShrinkTimeLimit = TimeSpan.FromSeconds(1),
        // A mutant that loops forever is abandoned here instead of waiting for Stryker's own timeout.
        WatchdogLimit = TimeSpan.FromSeconds(5),
    };

    /// <summary>Fails with every rule the suite found broken, or with why it abandoned the run.</summary>
    private static void AssertNothingBroken(SuiteResult result)
    {
        Assert.Null(result.Abandoned);
        var broken = result.Results
            .Where(r => r.Verdict.IsProblem())
            .Select(r => $"{r.RequirementId}: {r.Verdict} {r.Detail}")
            .ToList();
        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    /// <summary>
    /// Fails as <see cref="AssertNothingBroken"/> does, and also when any rule's verdict differs from the expected one
    /// recorded in <c>expected/<paramref name="run"/>.tsv</c> beside this file (rule, tab, verdict).
    /// </summary>
    public static void AssertSameVerdicts(SuiteResult result, string run, [CallerFilePath] string caller = "")
    {
        AssertNothingBroken(result);
        var actual = result.Results.ToDictionary(r => r.RequirementId, r => r.Verdict.ToString());
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "expected", run + ".tsv");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllLines(path, actual.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}\t{p.Value}"));
            return;
        }
        Assert.True(File.Exists(path), $"no expected verdicts at {path}: run the killer once with {WriteVariable}=1 on the unmutated library");
        var expected = File.ReadAllLines(path).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[1]);
        var changed = expected.Keys.Union(actual.Keys)
            .Where(id => expected.GetValueOrDefault(id) != actual.GetValueOrDefault(id))
            .Select(id => $"{id}: expected {expected.GetValueOrDefault(id) ?? "(none)"}, got {actual.GetValueOrDefault(id) ?? "(none)"}")
            .ToList();
        Assert.True(changed.Count == 0, string.Join(Environment.NewLine, changed));
    }
}

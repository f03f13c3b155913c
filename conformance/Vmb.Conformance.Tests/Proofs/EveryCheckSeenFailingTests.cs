using Vmb.Faulty;
using Vmb.Faulty.Rings;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Conformance.Suite.Tests;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Tests.Proofs;

/// <summary>
/// "Every check is shown failing on an implementation that breaks its rule." Each rule with a check at a level is
/// either the broken rule of a fixture of that level (its proof shows the suite fails it as a root), or is listed
/// in fixtures/without-fixture.tsv with the reason it has none yet. The table of fixtures/README.md is generated from
/// the same facts, so it can be trusted.
/// </summary>
public class EveryCheckSeenFailingTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    /// <summary>Proofs that use a misbehaving implementation outside the fixture lists: rule, level, where the proof is.</summary>
    private static readonly (string Rule, string Level, string Proof)[] OtherProofs =
    [
        ("R-PP-24", CheckLevels.Channel, "BrokenInvariantTests: BufferIncludesDescriptor and BufferLengthCountsHeader over the pipe reference"),
        ("R-EXT-19", CheckLevels.Channel, "BrokenInvariantTests: InBandFlaggedExternal over the pipe reference (a root beside R-EXT-2)"),
        ("R-LIFE-22", CheckLevels.Channel, "VerdictKindTests: an implementation that throws from its doorbell handler"),
        ("R-LIFE-23", CheckLevels.Channel, "VerdictKindTests: an implementation whose queued work requeues itself forever"),
        ("R-RING-15", CheckLevels.Ring, "WatchdogTests: a ring that throws"),
    ];

    private static IEnumerable<(string Rule, string Level, string Proof)> Proofs()
    {
        // A rule a fixture breaks beside its broken rule is shown failing too, and the table says how: as a consequence
        // (its check fails only after a root's, D23) or as a root beside another (same event, no presumes edge).
        foreach (var f in FaultList.All(new ReferenceChannelImplementation()))
            foreach (var p in Shown($"`{f.FaultName}`", f.ExpectedFailures.Except(f.ExpectedConsequences).ToList(), f.ExpectedConsequences))
                yield return (p.Rule, CheckLevels.Channel, p.Proof);
        foreach (var r in BrokenRing.All(new ReferenceRing()))
            foreach (var p in Shown($"`{r.BugName}`", r.ExpectedRoots, []))
                yield return (p.Rule, CheckLevels.Ring, p.Proof);
        foreach (var p in OtherProofs) yield return p;
    }

    private static IEnumerable<(string Rule, string Proof)> Shown(string name, IReadOnlyList<string> roots, IReadOnlyList<string> consequences)
    {
        foreach (var root in roots)
        {
            var beside = roots.Where(r => r != root).ToList();
            yield return (root, beside.Count == 0 ? name : $"{name} (a root beside {string.Join(", ", beside)})");
        }
        foreach (var c in consequences) yield return (c, $"{name} (a consequence of {string.Join(", ", roots)})");
    }

    private static Dictionary<(string Rule, string Level), string> Without()
    {
        var path = RepositoryFiles.Path("fixtures/without-fixture.tsv");
        return File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')).ToDictionary(p => (p[1], p[0]), p => p[2]);
    }

    private static IEnumerable<(Requirement Rule, string Level)> Checked() =>
        Catalog.Requirements.Where(r => r.Level != RequirementLevel.Info && r.MergedInto is null)
            .SelectMany(r => r.Checks.Keys.Select(level => (r, level)));

    [Fact]
    public void Every_check_has_a_fixture_that_breaks_its_rule_or_a_recorded_reason()
    {
        var proven = Proofs().Select(p => (p.Rule, p.Level)).ToHashSet();
        var without = Without();
        var missing = Checked().Where(c => !proven.Contains((c.Rule.Id, c.Level)) && !without.ContainsKey((c.Rule.Id, c.Level)))
            .Select(c => $"{c.Level}\t{c.Rule.Id}\t").ToList();
        Assert.True(missing.Count == 0, "checks with no fixture and no reason in fixtures/without-fixture.tsv:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void A_listed_check_that_now_has_a_fixture_is_stale()
    {
        var proven = Proofs().Select(p => (p.Rule, p.Level)).ToHashSet();
        var checkedRules = Checked().Select(c => (c.Rule.Id, c.Level)).ToHashSet();
        var stale = Without().Keys.Where(k => proven.Contains(k) || !checkedRules.Contains(k)).Select(k => $"{k.Level} {k.Rule}").ToList();
        Assert.True(stale.Count == 0, "fixtures/without-fixture.tsv lists checks that have a fixture now (or no check): " + string.Join(", ", stale));
    }

    [Fact]
    public void The_README_table_maps_every_check_to_its_fixture()
    {
        var proofs = Proofs().ToLookup(p => (p.Rule, p.Level), p => p.Proof);
        var without = Without();
        var rows = Checked().OrderBy(c => c.Level, StringComparer.Ordinal).ThenBy(c => c.Rule.Id, RuleOrder.Instance).Select(c =>
        {
            var key = (c.Rule.Id, c.Level);
            var proof = proofs.Contains(key) ? string.Join(", ", proofs[key]) : "none: " + without[key];
            return $"| {c.Rule.Id} | {c.Rule.LevelLabel} | {c.Level} | {c.Rule.CheckAt(c.Level)} | {proof} |";
        }).ToList();
        var table = string.Join(Environment.NewLine, new[] { "| Rule | Level | Judged at | Check | Shown failing by |", "| --- | --- | --- | --- | --- |" }.Concat(rows));
        var readme = File.ReadAllText(RepositoryFiles.Path("fixtures/README.md"));
        Assert.True(readme.Contains(table, StringComparison.Ordinal),
            "fixtures/README.md does not hold the current check table; replace it with:" + Environment.NewLine + table);
    }

    /// <summary>R-PP-2 before R-PP-10: by area, then by number.</summary>
    private sealed class RuleOrder : IComparer<string>
    {
        public static readonly RuleOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (ax, nx) = Split(x!);
            var (ay, ny) = Split(y!);
            var byArea = string.CompareOrdinal(ax, ay);
            return byArea != 0 ? byArea : nx.CompareTo(ny);
        }

        private static (string Area, int Number) Split(string id)
        {
            var dash = id.LastIndexOf('-');
            return (id[..dash], int.Parse(id[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

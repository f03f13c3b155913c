using Vmb.Conformance.Reports;
using Vmb.Conformance.Reports.Html;
using Vmb.Conformance.Results;
using Vmb.Faulty;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Cli;

/// <summary>What `run --all` expects of each implementation it judges, and whether the run showed it.</summary>
internal static class FixtureExpectations
{
    /// <summary>The reference must be CONFORMANT.</summary>
    public static DashboardExpectation Conformant(SuiteResult result, RequirementCatalog catalog)
    {
        var verdict = result.Classify(catalog);
        return verdict.Verdict == SuiteVerdict.Conformant
            ? new DashboardExpectation(true, "conformant")
            : new DashboardExpectation(false, $"expected conformant, was {verdict.Headline}: {verdict.Explanation}");
    }

    /// <summary>
    /// A channel fixture must fail exactly what it declares (its scenario-dependent rules may fail or not), its declared
    /// roots as roots and its declared consequences as consequences (D23).
    /// </summary>
    public static DashboardExpectation Channel(FaultyImplementation fault, SuiteResult result)
    {
        var failing = Failing(result);
        var expected = fault.ExpectedFailures.Union(fault.ScenarioDependentFailures.Where(failing.ContainsKey)).ToHashSet(StringComparer.Ordinal);
        // On real threads one broken rule can upset what follows it in ways no replay repeats: an undeclared failure that
        // is only a flaky consequence of another is named, not held against the fixture. Roots and reproducible failures
        // still must be exactly the declared ones.
        var unsettled = failing.Values.Where(r => r.Verdict == Verdict.Flaky && r.ConsequenceOf.Count > 0 && !expected.Contains(r.RequirementId))
            .Select(r => r.RequirementId).Order(StringComparer.Ordinal).ToList();
        foreach (var id in unsettled) failing.Remove(id);
        var expectedRoots = fault.ExpectedFailures.Except(fault.ExpectedConsequences).ToHashSet(StringComparer.Ordinal);
        var roots = failing.Values.Where(r => r.IsRoot).Select(r => r.RequirementId).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        if (!expected.SetEquals(failing.Keys))
        {
            var missed = expected.Except(failing.Keys).Order(StringComparer.Ordinal).ToList();
            var extra = failing.Keys.Except(expected).Order(StringComparer.Ordinal).ToList();
            if (missed.Count > 0) problems.Add($"did not fail {string.Join(", ", missed)}");
            if (extra.Count > 0) problems.Add($"also failed {string.Join(", ", extra)}");
        }
        var unexpectedRoots = roots.Except(expectedRoots).Except(fault.ScenarioDependentFailures).Order(StringComparer.Ordinal).ToList();
        var missingRoots = expectedRoots.Where(failing.ContainsKey).Except(roots).Order(StringComparer.Ordinal).ToList();
        if (unexpectedRoots.Count > 0) problems.Add($"roots not declared: {string.Join(", ", unexpectedRoots)}");
        if (missingRoots.Count > 0) problems.Add($"declared roots reported as consequences: {string.Join(", ", missingRoots)}");
        var declared = $"breaks {fault.BrokenRule}; declares roots {string.Join(", ", expectedRoots.Order(StringComparer.Ordinal))}" +
                       (unsettled.Count > 0 ? $"; flaky consequences not counted: {string.Join(", ", unsettled)}" : "");
        return Expectation(declared, problems);
    }

    /// <summary>
    /// A broken ring must fail its declared roots as roots and nothing else as a root but the rules it declares may also be
    /// roots in some scenarios; what follows from them may fail as their consequence (D23), as the ring proofs allow.
    /// </summary>
    public static DashboardExpectation Ring(IReadOnlyList<string> expectedRoots, IReadOnlyList<string> mayAlsoRoot, SuiteResult result)
    {
        var failing = Failing(result);
        var roots = failing.Values.Where(r => r.ConsequenceOf.Count == 0).Select(r => r.RequirementId).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var missed = expectedRoots.Where(id => !roots.Contains(id)).ToList();
        if (missed.Count > 0) problems.Add($"did not fail {string.Join(", ", missed)} as a root");
        var extra = roots.Except(expectedRoots).Except(mayAlsoRoot).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0) problems.Add($"roots not declared: {string.Join(", ", extra)}");
        return Expectation($"breaks {string.Join(", ", expectedRoots)}", problems);
    }

    private static Dictionary<string, RequirementResult> Failing(SuiteResult result) =>
        result.Results.Where(r => r.Verdict.IsProblem()).ToDictionary(r => r.RequirementId, StringComparer.Ordinal);

    private static DashboardExpectation Expectation(string declared, List<string> problems) =>
        problems.Count == 0 ? new DashboardExpectation(true, declared) : new DashboardExpectation(false, $"{declared}; {string.Join("; ", problems)}");
}

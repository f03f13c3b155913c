using Vmb.Conformance.Reports;
using Vmb.Conformance.Reports.Html;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Faulty;
using Vmb.Faulty.Rings;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `run --all`: judges the reference channel and ring and every fixture of Vmb.Faulty, writes every format of each
/// report and index.html (the matrix) into one folder. Exit 0 when the reference is conformant and every fixture
/// failed exactly what it declares, 1 otherwise (D30).
/// </summary>
internal static class AllRuns
{
    /// <summary>One implementation to judge: its report name, how to run it, and what it must show.</summary>
    private sealed record Planned(string Stem, Func<SuiteResult> Run, Func<SuiteResult, DashboardExpectation> Expect);

    /// <summary>Judges every planned implementation with <paramref name="jobs"/> workers and writes the reports and the matrix.</summary>
    /// <param name="options">The options of every run.</param>
    /// <param name="profile">The framing profile of the reference channel under the fixtures.</param>
    /// <param name="jobs">Implementations judged at once.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="catalog">The catalog.</param>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="progress">Where progress is drawn.</param>
    /// <param name="testees">Out-of-process implementations to judge too, each expected to be conformant for what it declares.</param>
    /// <param name="include">Which implementations, by report name, to judge; null for all (tests judge a few).</param>
    public static int Run(SuiteOptions options, FramingProfile profile, int jobs, string directory, RequirementCatalog catalog, TextWriter output, Progress progress,
        IReadOnlyList<TesteeRun> testees, Func<string, bool>? include = null)
    {
        // Every implementation is judged over the same stream: its scenarios are generated once for all of them.
        options = options with { SharedScenarios = options.SharedScenarios ?? new SharedScenarios() };
        var plan = Plan(options, profile, catalog).Concat(testees.Select(t => Testee(t, options, catalog))).Where(p => include?.Invoke(p.Stem) ?? true).ToList();
        if (plan.Select(p => p.Stem).Distinct(StringComparer.Ordinal).Count() != plan.Count)
            throw new UsageException("--add-testee: two testees would write reports of the same name; give each a different command");
        var folder = ReportFiles.OutputFolder(directory, plan[0].Stem);
        var results = new SuiteResult[plan.Count];
        var done = 0;
        // Each run gets its own implementation instances, so runs share nothing and the results do not depend on the jobs.
        Parallel.For(0, plan.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            results[i] = plan[i].Run();
            progress.Finished(Interlocked.Increment(ref done), plan.Count, plan[i].Stem);
        });
        var entries = plan.Select((p, i) => new DashboardEntry(results[i], p.Stem, p.Expect(results[i]))).ToList();
        var files = plan.Zip(results).SelectMany(x => ReportFiles.Render(x.Second, catalog, x.First.Stem)).ToList();
        files.Add((ReportCommand.IndexFile, HtmlDashboard.Render(entries, catalog, "VMBus conformance: the references and every fixture")));
        foreach (var (name, text) in files) ReportFiles.WriteAtomically(Path.Combine(folder, name), text);

        foreach (var e in entries)
        {
            var verdict = e.Result.Classify(catalog);
            output.WriteLine($"{(e.Expectation!.Met ? "as expected" : "NOT AS EXPECTED")}: {e.Stem}: {verdict.Headline}; {e.Expectation.Text}");
        }
        var unmet = entries.Count(e => !e.Expectation!.Met);
        output.WriteLine($"{entries.Count} implementation(s) judged, {unmet} not as expected; {files.Count} file(s) in {folder}, the matrix in {Path.Combine(folder, ReportCommand.IndexFile)}");
        if (entries.Any(e => e.Result.Results.Any(r => r.Verdict == Spec.Verdicts.Verdict.HarnessError))) return ExitCodes.HarnessError;
        return unmet == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static Planned Testee(TesteeRun testee, SuiteOptions options, RequirementCatalog catalog) =>
        new(testee.Stem, () => RunCommand.JudgeTestee(testee.Command, testee.Level, stepLimit: null, options, catalog), r => FixtureExpectations.Conformant(r, catalog));

    private static List<Planned> Plan(SuiteOptions options, FramingProfile profile, RequirementCatalog catalog)
    {
        var plan = new List<Planned>
        {
            new("reference-channel", () => ConformanceRunner.Run(Inputs.Reference(profile), options, catalog), r => FixtureExpectations.Conformant(r, catalog)),
            new("reference-ring", () => RingConformanceRunner.Run(new ReferenceRing(), options, catalog), r => FixtureExpectations.Conformant(r, catalog)),
        };
        var faults = FaultList.All(Inputs.Reference(profile));
        for (var i = 0; i < faults.Count; i++)
        {
            var (index, fault) = (i, faults[i]);
            plan.Add(new($"fixture-{fault.FaultName}",
                () => ConformanceRunner.Run(FaultList.All(Inputs.Reference(profile))[index], options with { ReplayArguments = $"--fault {fault.FaultName}" }, catalog),
                r => FixtureExpectations.Channel(fault, r)));
        }
        var rings = BrokenRing.AsProven(() => new ReferenceRing());
        for (var i = 0; i < rings.Count; i++)
        {
            var (index, ring) = (i, rings[i]);
            var name = Inputs.BrokenRingName(ring);
            plan.Add(new($"broken-ring-{name}",
                () => RingConformanceRunner.Run(BrokenRing.AsProven(() => new ReferenceRing())[index], options with { ReplayArguments = $"--fault {name}" }, catalog),
                r => FixtureExpectations.Ring(ring.ExpectedRoots, ring.MayAlsoRoot, r)));
        }
        return plan;
    }
}

using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Faulty.Rings;
using Vmb.Ring;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;
using Xunit.Abstractions;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>
/// D25: a ring shaped like real ring code — publishing in every operation, never reverting, and a reader that passes
/// undefined flags and unknown types up as Linux does — keeps every rule it declares and is judged conformant; the
/// rules of the capabilities it lacks are not-applicable, never passed.
/// </summary>
public class PublishingRingTests(ITestOutputHelper output)
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    private static readonly Lazy<SuiteResult> Result = new(() =>
        RingConformanceRunner.Run(new PublishingRing(new ReferenceRing(strictReader: false)), new SuiteOptions { Scenarios = 1200 }, Catalog));

    [Fact]
    public void D25_publish_on_every_operation_ring_is_conformant()
    {
        var result = Result.Value;
        foreach (var r in result.Results) output.WriteLine($"{r.RequirementId}: {r.Verdict} ({r.ScenariosExercised}/{r.ScenariosRun} exercised) {r.Detail}");
        var bad = result.Results.Where(r => r.Verdict is not (Verdict.Pass or Verdict.NotApplicable)).Select(r => $"{r.RequirementId} {r.Verdict}: {r.Detail}\n{r.Counterexample}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n\n", bad));
        Assert.Equal(SuiteVerdict.Conformant, result.Classify(Catalog).Verdict);
    }

    [Fact]
    public void D25_rules_of_undeclared_ring_capabilities_are_not_applicable()
    {
        var notApplicable = Result.Value.Results.Where(r => r.Verdict == Verdict.NotApplicable).Select(r => r.RequirementId).Order();
        Assert.Equal(["R-MAL-3", "R-MAL-6", "R-MAL-7", "R-MAL-8", "R-RING-11"], notApplicable);
        Assert.All(Result.Value.Results.Where(r => r.Verdict == Verdict.NotApplicable), r => Assert.Contains("not declared", r.Detail));
    }

    [Fact]
    public void D21_D25_report_stamps_each_side_s_declared_ring_capabilities()
    {
        var info = Result.Value.Implementation;
        Assert.Equal((RingCapabilities.SetsPendingSendSize | RingCapabilities.CreatesRings, RingCapabilities.InterruptMaskApi), (info.RingWriter, info.RingReader));
        Assert.Equal(["writer: SetsPendingSendSize", "writer: CreatesRings", "reader: InterruptMaskApi"], new Vmb.Conformance.Reports.ReportSummary(Result.Value, Catalog).Capabilities);
    }

    [Fact]
    public void D25_a_ring_whose_declaration_does_not_hold_together_is_refused_before_any_run()
    {
        var thrown = Assert.Throws<ArgumentException>(() => new RingLevel(new RevertWithoutStaging()));
        Assert.Contains("Revert without StagedPublication", thrown.Message);
    }

    /// <summary>The reference ring with a reader that claims to revert work it never stages.</summary>
    private sealed class RevertWithoutStaging : IRingImplementation
    {
        private readonly ReferenceRing _inner = new();
        public string Name => "revert-without-staging";
        public string Version => _inner.Version;
        public RingCapabilities WriterCapabilities => _inner.WriterCapabilities;
        public RingCapabilities ReaderCapabilities => RingCapabilities.Revert;
        public IRingWriter CreateWriter(Vmb.Spec.Memory.MemoryRegion ring, bool initialize, Action signalReader) => _inner.CreateWriter(ring, initialize, signalReader);
        public IRingReader CreateReader(Vmb.Spec.Memory.MemoryRegion ring, Action signalWriter) => _inner.CreateReader(ring, signalWriter);
    }
}

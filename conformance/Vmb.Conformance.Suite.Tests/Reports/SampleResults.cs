using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Suite.Tests.Reports;

/// <summary>A hand-made suite result with one of everything a report must show.</summary>
internal static class SampleResults
{
    public static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    public static readonly Counterexample Example = new(
        Headline: "R-PP-5 (MUST): " + Catalog.Find("R-PP-5")!.Statement,
        ScenarioText: "rings: incoming 4096 B from offset 0\n  0: write packet #0 in-band 0x6 tid 7, payload 1 B",
        ScenarioJson: "{\"steps\":[]}",
        TraceExcerpt: ">> #3 PresentationBegun packet 0 len 17 | with a pipe and ``` fence",
        Message: "packet 0: Buffer is 17 B, the payload is 1 B",
        ReplayCommand: "vmb-conformance replay --requirement R-PP-5 --scenario '{\"steps\":[]}'",
        PacketCount: 1, ShrinkSteps: 4, ReplaysFailed: 1, Replays: 1);

    public static SuiteResult Failing() => new(
        new ImplementationInfo("sample-impl", "9.9.9", FramingProfile.Pipe, ChannelCapabilities.ExCallbacks | ChannelCapabilities.PauseStart),
        Catalog.CatalogVersion, "0.1.0", 1, 42UL, 3, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), TimeSpan.FromSeconds(1.5),
        [
            new RequirementResult("R-PP-5", Verdict.Fail, 3, 3, "packet 0: Buffer is 17 B | header", Example),
            new RequirementResult("R-PP-6", Verdict.Pass, 3, 3, null, null),
            new RequirementResult(ShouldId, Verdict.Fail, 3, 2, "a warning", Example with { Headline = ShouldId + " (SHOULD): x" }),
            new RequirementResult("R-CTX-1", Verdict.NotApplicable, 0, 0, "capability ExCallbacks not declared", null),
            new RequirementResult("R-PP-2", Verdict.Untested, 0, 0, "by-construction: reason", null),
        ],
        ["R-PP-1", "R-PP-3"],
        new Dictionary<string, int> { ["wrap-around"] = 2, ["packet:InBand"] = 3 })
    {
        Level = "channel",
        RequiredSituations = ["wrap-around", "packet:InBand", "quota-reached"],
        FieldCoverage = [new("transaction id", "0", 2, true), new("transaction id", "max", 0, true), new("transaction id", "other", 3, false)],
    };

    public static string ShouldId => Catalog.Requirements.First(r => r.Level == RequirementLevel.Should).Id;
}

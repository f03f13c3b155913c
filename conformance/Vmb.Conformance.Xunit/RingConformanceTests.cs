using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Xunit.Abstractions;

namespace Vmb.Conformance.Xunit;

/// <summary>
/// Subclass this in an xunit v2 project to judge a bare ring reader and writer (<see cref="IRingImplementation"/>)
/// on the wire-format rules: one test per requirement the catalog gives a ring check, on the same engine core as
/// <see cref="ChannelConformanceTests"/>.
/// </summary>
public abstract partial class RingConformanceTests : ConformanceTests
{
    /// <summary>Called by xunit through the derived class's constructor.</summary>
    protected RingConformanceTests(SuiteRun run, ITestOutputHelper output) : base(run, output)
    {
    }

    /// <summary>The ring under test; called once per test class, and once per <see cref="ConformanceTests.Replay"/>.</summary>
    protected abstract IRingImplementation CreateImplementation();

    private protected override SuiteResult RunSuite(SuiteOptions options, RequirementCatalog catalog) =>
        SuiteRunner.Run(new RingLevel(CreateImplementation()), options, catalog);

    private protected override ReplayOutcome ReplayScenario(string scenarioJson, string requirementId, SuiteOptions options) =>
        SuiteRunner.Replay(new RingLevel(CreateImplementation()), RingScenario.FromJson(scenarioJson), requirementId, options);
}

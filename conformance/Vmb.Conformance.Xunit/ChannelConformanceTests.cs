using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;
using Xunit.Abstractions;

namespace Vmb.Conformance.Xunit;

/// <summary>
/// Subclass this in an xunit v2 project to judge your <see cref="IChannelImplementation"/> at the channel level: one
/// test per catalog requirement (rules judged only at the ring level say so and pass; judge a ring with
/// <see cref="RingConformanceTests"/>).
/// </summary>
public abstract partial class ChannelConformanceTests : ConformanceTests
{
    /// <summary>Called by xunit through the derived class's constructor.</summary>
    protected ChannelConformanceTests(SuiteRun run, ITestOutputHelper output) : base(run, output)
    {
    }

    /// <summary>The implementation under test; called once per test class, and once per <see cref="ConformanceTests.Replay"/>.</summary>
    protected abstract IChannelImplementation CreateImplementation();

    private protected override SuiteResult RunSuite(SuiteOptions options, RequirementCatalog catalog) =>
        SuiteRunner.Run(new ChannelLevel(CreateImplementation()), options, catalog);

    private protected override ReplayOutcome ReplayScenario(string scenarioJson, string requirementId, SuiteOptions options) =>
        SuiteRunner.Replay(new ChannelLevel(CreateImplementation()), ScenarioJson.Parse(scenarioJson), requirementId, options);
}

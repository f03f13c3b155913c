using Vmb.Conformance.Results;
using Vmb.Conformance.Xunit;
using Vmb.Kmcl;
using Vmb.Spec.Spi;
using Xunit.Abstractions;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// The reference judged through the xunit plug-in, exactly as an outside author would use it: one test per
/// requirement. A reduced scenario count keeps the repository's test run fast; set
/// VMB_CONFORMANCE_SCENARIOS for a deep run.
/// </summary>
public class ReferenceConformanceTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
{
    protected override IChannelImplementation CreateImplementation() => new ReferenceChannelImplementation();

    protected override SuiteOptions Options => new() { Scenarios = 150 };
}

/// <summary>The reference in the pipe profile (D1): the same tests, judged against the pipe framing rules.</summary>
public class ReferencePipeConformanceTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
{
    protected override IChannelImplementation CreateImplementation() => new ReferenceChannelImplementation(new KmclOptions { Profile = FramingProfile.Pipe });

    protected override SuiteOptions Options => new() { Scenarios = 150 };
}

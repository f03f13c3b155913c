using Vmb.Conformance.Results;
using Vmb.Conformance.Xunit;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Spi;
using Xunit.Abstractions;

namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// The reference judged through the xunit plug-in, exactly as an outside author would use it: one test per
/// requirement, with the default scenario count (fewer would leave MUST rules unexercised, which fails their
/// tests, D26); set VMB_CONFORMANCE_SCENARIOS for a deep run.
/// </summary>
public class ReferenceConformanceTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
{
    protected override IChannelImplementation CreateImplementation() => new ReferenceChannelImplementation();

}

/// <summary>The reference in the pipe profile (D1): the same tests, judged against the pipe framing rules.</summary>
public class ReferencePipeConformanceTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
{
    protected override IChannelImplementation CreateImplementation() => new ReferenceChannelImplementation(new KmclOptions { Profile = FramingProfile.Pipe });

}

/// <summary>The reference ring judged through the ring-level plug-in: one test per rule with a ring check.</summary>
public class ReferenceRingConformanceTests(SuiteRun run, ITestOutputHelper output) : RingConformanceTests(run, output)
{
    protected override IRingImplementation CreateImplementation() => new ReferenceRing();
}

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
public class ReferenceConformanceTests : ChannelConformanceTests
{
    private readonly ITestOutputHelper _output;

    public ReferenceConformanceTests(SuiteRun run, ITestOutputHelper output) : base(run, output) => _output = output;

    protected override IChannelImplementation CreateImplementation() => new ReferenceChannelImplementation();

    [Fact]
    public void D26_channel_every_required_situation_occurs_at_least_20_times_in_a_default_run() => DefaultRunReach.EverySituationAtLeast20Times(Result, _output);

    [Fact]
    public void D26_channel_a_default_run_reaches_every_required_field_class_and_is_conformant() => DefaultRunReach.EveryFieldClassAndConformant(Result, Catalog, _output);
}

/// <summary>The reference in the pipe profile (D1): the same tests, judged against the pipe framing rules.</summary>
public class ReferencePipeConformanceTests(SuiteRun run, ITestOutputHelper output) : ChannelConformanceTests(run, output)
{
    protected override IChannelImplementation CreateImplementation() => new ReferenceChannelImplementation(new KmclOptions { Profile = FramingProfile.Pipe });

}

/// <summary>The reference ring judged through the ring-level plug-in: one test per rule with a ring check.</summary>
public class ReferenceRingConformanceTests : RingConformanceTests
{
    private readonly ITestOutputHelper _output;

    public ReferenceRingConformanceTests(SuiteRun run, ITestOutputHelper output) : base(run, output) => _output = output;

    protected override IRingImplementation CreateImplementation() => new ReferenceRing();

    [Fact]
    public void D26_ring_every_required_situation_occurs_at_least_20_times_in_a_default_run() => DefaultRunReach.EverySituationAtLeast20Times(Result, _output);

    [Fact]
    public void D26_ring_a_default_run_reaches_every_required_field_class_and_is_conformant() => DefaultRunReach.EveryFieldClassAndConformant(Result, Catalog, _output);
}

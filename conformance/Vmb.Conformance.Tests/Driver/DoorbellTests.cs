using Vmb.Conformance.Engine;
using Vmb.Conformance.Results;
using Vmb.Conformance.Running;
using Vmb.Conformance.Tracing;
using Vmb.Kmcl;
using Vmb.Spec.Kmcl;

namespace Vmb.Conformance.Tests.Driver;

/// <summary>R-PP-11: a doorbell is an interrupt, so part of the generated scenarios ring it at DEVICE level.</summary>
public class DoorbellTests
{
    [Fact]
    public void R_PP_11_MUST_odd_seeded_deterministic_scenarios_ring_the_doorbell_at_device_level_and_the_others_below_it()
    {
        var level = new ChannelLevel(new ReferenceChannelImplementation());
        var runs = Enumerable.Range(0, 60).Select(i => level.Drive(level.Generate(ScenarioSeed.For(3, i)), new SuiteOptions()).Run).ToList();
        var signals = runs.SelectMany(r => r.Events.OfType<SignalSent>().Select(s => (Odd: (r.Scenario.SchedulerSeed & 1) == 1, s.Irql))).ToList();
        Assert.Contains(signals, s => s.Odd);
        Assert.Contains(signals, s => !s.Odd);
        Assert.All(signals, s => Assert.Equal(s.Odd ? Irql.Device : Irql.Passive, s.Irql));
    }
}

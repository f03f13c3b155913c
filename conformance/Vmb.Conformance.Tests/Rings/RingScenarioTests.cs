using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Rings.Checks;
using Vmb.Ring;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Tests.Rings;

/// <summary>Ring scenarios serialise, validate their input, and shrink to legal scenarios.</summary>
public class RingScenarioTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(11UL, 13UL);

    [Fact]
    public void Scenarios_round_trip_through_json() =>
        Prop.ForAll(RingGenerators.Arbitrary(), s => RingScenario.FromJson(s.ToJson()).ToJson() == s.ToJson()).Check(Quick);

    [Fact]
    public void Generated_and_shrunk_scenarios_stay_legal() =>
        Prop.ForAll(RingGenerators.Arbitrary(), s => RingShrinker.Shrink(s).Take(40).Prepend(s).All(Legal)).Check(Quick);

    [Fact]
    public void R_RING_7_MUST_reference_writer_holds_as_an_fscheck_property() =>
        Prop.ForAll(RingGenerators.Scenario(RingRole.Writer).ToArbitrary(), s =>
            new NeverFillsRingCheck().Evaluate(RingDriver.Run(new ReferenceRing(), s)).Status != Conformance.Engine.CheckStatus.Fail).Check(Quick);

    [Theory]
    [InlineData("{", "not valid")]
    [InlineData("""{"Role":"Writer","DataSize":5000,"StartIndex":0,"Ops":[]}""", "DataSize")]
    [InlineData("""{"Role":"Writer","DataSize":4096,"StartIndex":12,"Ops":[]}""", "StartIndex 12")]
    [InlineData("""{"Role":"Writer","DataSize":4096,"StartIndex":0}""", "no ops")]
    public void Bad_scenario_json_gets_an_error_naming_the_field(string json, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => RingScenario.FromJson(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Describe_prints_one_line_per_operation()
    {
        var s = new RingScenario(RingRole.Reader, 8192, 8000, [
            new RingOp { Kind = RingOpKind.Write, Payload = 40, Tid = 7, Fault = RingFault.Offset8BelowTwo },
            new RingOp { Kind = RingOpKind.Read, Destination = 16 }]);
        var lines = s.Describe().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Contains("S = 8192", lines[0]);
        Assert.Contains("fault=Offset8BelowTwo", lines[1]);
        Assert.Contains("read into 16 bytes", lines[2]);
    }

    private static bool Legal(RingScenario s) =>
        s.DataSize % WireConstants.PageSize == 0 && s.DataSize is >= 4096 and <= 65536
        && s.StartIndex % 8 == 0 && s.StartIndex < s.DataSize
        && s.Ops.All(o => o.Kind != RingOpKind.Write || o.Payload <= RingPacketBytes.MaxPayload(o.Type, o.Ranges, s.DataSize));
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Model;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>R-PP-5 (P-3, D2): Buffer holds exactly the sender's payload bytes: no descriptor, range list, pipe header or trailer.</summary>
internal sealed class PayloadOnlyCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-PP-5";

    private static string Hex(byte[] bytes) =>
        bytes.Length <= 24 ? $"{bytes.Length} B [{Convert.ToHexString(bytes)}]" : $"{bytes.Length} B [{Convert.ToHexString(bytes, 0, 24)}…]";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        foreach (var p in c.Presentations.Where(p => p.Packet >= 0))
        {
            var expected = PacketExpectation.Buffer(c.Packets[p.Packet], c.Scenario.Options.Profile);
            var seen = p.Buffer ?? [];
            if (!seen.AsSpan().SequenceEqual(expected))
                return CheckOutcome.Fail($"packet {p.Packet}: Buffer is {Hex(seen)}, the payload is {Hex(expected)}", p.Index);
        }
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Model;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Presentation;

/// <summary>
/// R-PP-5 (P-3, D2): Buffer starts with the sender's payload and holds nothing but payload: it is the payload, or a
/// first part of it, byte for byte, so no descriptor, range list, pipe header, trailer or later packet's byte is in it.
/// How much of the payload it must hold is the extent rules' (R-PP-7 raw, R-PP-24 pipe), E-37.
/// </summary>
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
            if (seen.Length > expected.Length || !seen.AsSpan().SequenceEqual(expected.AsSpan(0, seen.Length)))
                return CheckOutcome.Fail($"packet {p.Packet}: Buffer is {Hex(seen)}, the payload is {Hex(expected)}", p.Index);
        }
        return CheckOutcome.PassIf(c.Presentations.Count > 0);
    }
}

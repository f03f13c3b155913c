using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// Simpler variants of a ring scenario, simplest first: fewer operations, one page, start index 0, then
/// smaller payloads and plainer packets. Every candidate passes through <see cref="RingGenerators.Fit"/>.
/// </summary>
internal static class RingShrinker
{
    /// <summary>Candidates, each one step simpler than <paramref name="scenario"/>.</summary>
    public static IEnumerable<RingScenario> Shrink(RingScenario scenario)
    {
        var ops = scenario.Ops;
        if (scenario.Attach == RingAttach.Fresh) yield return scenario with { Attach = RingAttach.Existing };
        if (scenario.InitiallyMasked) yield return scenario with { InitiallyMasked = false };
        for (var cut = ops.Count / 2; cut >= 1; cut /= 2)
            for (var start = ops.Count - cut; start >= 0; start -= cut)
                yield return scenario with { Ops = ops.Take(start).Concat(ops.Skip(start + cut)).ToArray() };
        if (scenario.DataSize > WireConstants.PageSize)
            yield return Refit(scenario with { DataSize = scenario.DataSize / 2 / WireConstants.PageSize * WireConstants.PageSize, StartIndex = 0 });
        if (scenario.StartIndex != 0)
        {
            yield return scenario with { StartIndex = 0 };
            yield return scenario with { StartIndex = scenario.StartIndex / 2 / 8 * 8 };
        }
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            foreach (var simpler in Simpler(op))
            {
                var copy = ops.ToArray();
                copy[i] = RingGenerators.Fit(simpler, scenario.DataSize);
                if (copy[i] != op) yield return scenario with { Ops = copy };
            }
        }
    }

    private static IEnumerable<RingOp> Simpler(RingOp op)
    {
        if (op.Kind == RingOpKind.Read && op.Destination != 0) yield return op with { Destination = 0 };
        if (op.Kind == RingOpKind.Read && op.Destination > 1) yield return op with { Destination = op.Destination / 2 };
        if (op.Kind != RingOpKind.Write) yield break;
        if (op.Slack is not null) yield return op with { Slack = null };
        if (op.Payload > 0) yield return op with { Payload = 0 };
        if (op.Payload > 1) yield return op with { Payload = op.Payload / 2 };
        if (op.Type != PacketType.InBand) yield return op with { Type = PacketType.InBand };
        if (op.Ranges > 3) yield return op with { Ranges = op.Ranges / 2 };
        if (op.Ranges > 1) yield return op with { Ranges = op.Ranges - 1 };
        if (op.Completion) yield return op with { Completion = false };
    }

    private static RingScenario Refit(RingScenario scenario) =>
        scenario with { Ops = scenario.Ops.Select(o => RingGenerators.Fit(o with { Pending = Math.Min(o.Pending, (uint)scenario.DataSize - 8) }, scenario.DataSize)).ToArray() };
}

using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>
/// R-CMPL-4 (P-2): a completed packet that asked for a reply yields exactly one 0xB with its transaction id, one that
/// did not ask yields none. Counted per id as a multiset (D8); failed packets may or may not reply (R-FAIL-5).
/// </summary>
internal sealed class CompletionPacketPerRequestCheck : RequirementCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-CMPL-4";

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c) => CompletionCounting.Judge(c, lowerBoundOnly: false);
}

/// <summary>The per-transaction-id bookkeeping R-CMPL-4 and R-CMPL-8 share.</summary>
internal static class CompletionCounting
{
    public static CheckOutcome Judge(CheckContext c, bool lowerBoundOnly)
    {
        if (!c.Finished) return CheckOutcome.NotExercised;
        var expected = new Dictionary<ulong, int>();
        var tolerated = new Dictionary<ulong, int>();
        var anyAnswer = false;
        foreach (var index in c.WrittenPackets.Distinct())
        {
            var step = c.Packets[index];
            if (!step.IsPresentable || !step.CompletionRequested) continue;
            var answer = c.FirstAnswer(index);
            if (answer is null) continue;
            anyAnswer = true;
            var into = answer is PacketCompleted ? expected : tolerated;
            into[step.TransactionId] = into.GetValueOrDefault(step.TransactionId) + 1;
        }
        var seen = new Dictionary<ulong, int>();
        foreach (var o in c.OutgoingPackets.Where(o => o.PacketType == (int)Spec.Wire.PacketType.Completion))
        {
            seen[o.TransactionId] = seen.GetValueOrDefault(o.TransactionId) + 1;
            if (!lowerBoundOnly && seen[o.TransactionId] > expected.GetValueOrDefault(o.TransactionId) + tolerated.GetValueOrDefault(o.TransactionId))
                return CheckOutcome.Fail($"completion packet for transaction id {o.TransactionId} that no completed request asked for (or one too many)", o.Index);
        }
        foreach (var (tid, count) in expected)
            if (seen.GetValueOrDefault(tid) < count)
                return CheckOutcome.Missing($"transaction id {tid}: {count} completion(s) owed, {seen.GetValueOrDefault(tid)} on the outgoing ring after the final drain",
                    c.Of<PacketCompleted>().LastOrDefault(e => e.Packet >= 0 && c.Packets[e.Packet].TransactionId == tid)?.Index);
        return CheckOutcome.PassIf(anyAnswer || c.Of<PacketCompleted>().Any());
    }
}

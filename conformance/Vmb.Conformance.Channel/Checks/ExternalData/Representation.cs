using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.ExternalData;

/// <summary>Shared by R-EXT-10 and R-DEF-4: the presentation after a hand-back shows the same packet.</summary>
internal static class Representation
{
    public static CheckOutcome Judge<THandBack>(CheckContext c, Func<THandBack, bool> which, string what) where THandBack : PresentationEvent
    {
        var exercised = false;
        foreach (var back in c.Of<THandBack>().Where(e => e.Packet >= 0 && which(e)))
        {
            var before = c.Presentations.LastOrDefault(p => p.Index < back.Index && p.Packet == back.Packet);
            var after = c.Presentations.FirstOrDefault(p => p.Index > back.Index && p.Packet == back.Packet);
            if (before is null || after is null) continue;
            exercised = true;
            if (after.Length != before.Length || after.Flags != before.Flags || !after.Buffer.AsSpan().SequenceEqual(before.Buffer))
                return CheckOutcome.Fail($"packet {back.Packet} came back after {what} with length {after.Length}, flags 0x{after.Flags:X} " +
                    $"(was {before.Length}, 0x{before.Flags:X}){(after.Length == before.Length ? " and different bytes" : "")}", after.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}

using FsCheck;
using FsCheck.Fluent;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests.Properties;

/// <summary>What the client does with one packet (at each of its presentations).</summary>
public enum ClientPolicy
{
    /// <summary>Complete inside the callback.</summary>
    CompleteInline,

    /// <summary>Keep the handle; the runner completes it later, in an order drawn from the seed (threaded: from other threads).</summary>
    CompleteLater,

    /// <summary>Defer at the first presentation, complete inline at the passive one.</summary>
    Defer,

    /// <summary>GetExternalData (read-only), read every byte, then complete inline.</summary>
    ExternalRead,

    /// <summary>As ExternalRead, but the packet's pages are evicted before it is sent, so the first try may be PENDING.</summary>
    ExternalPending,

    /// <summary>Fail inside the callback (at most one packet per scenario).</summary>
    Fail,
}

/// <summary>
/// One packet the peer sends and how the client treats it. RangeSeed seeds the range list of a 0x7/0x9
/// packet, drawn by the runner inside fixed bounds.
/// </summary>
public sealed record PacketPlan(PacketType Type, int PayloadLength, bool CompletionRequested, ClientPolicy Policy, int ReplyLength, int RangeSeed)
{
    public override string ToString() => $"{Type}/{PayloadLength}B{(CompletionRequested ? "/cmpl" : "")}/{Policy}/reply{ReplyLength}/r{RangeSeed}";
}

/// <summary>
/// A whole channel run: ring geometry, channel options and the packet stream with the client's policies.
/// Chunk is how many packets the peer writes before ringing the doorbell; Seed drives the deterministic
/// environment's interleaving and the order of later completions; Quota 0 means none set; with PauseStart
/// the driver pauses and starts the channel at seed-drawn steps.
/// </summary>
public sealed record ChannelScenario(int RingSize, int StartOffset, FramingProfile Profile, bool TransferPagesExternal, bool Passive,
    int Quota, int Chunk, int Seed, bool PauseStart, PacketPlan[] Packets)
{
    public override string ToString() =>
        $"ring {RingSize} start {StartOffset} {Profile} tpExt={TransferPagesExternal} passive={Passive} quota={Quota} chunk={Chunk} seed={Seed} pauses={PauseStart} " +
        $"[{string.Join(", ", Packets.Select(p => p.ToString()))}]";
}

/// <summary>Generators (explicit ranges everywhere) and shrinkers for channel scenarios.</summary>
public static class ChannelScenarioArbitrary
{
    /// <summary>Pages of the one transfer-page set every scenario registers (id 1).</summary>
    public const int TransferSetPages = 4;

    /// <summary>The same scenarios drive the deterministic and the threaded property.</summary>
    public static Arbitrary<ChannelScenario> Scenarios() => Arb.From(ScenarioGen(), Shrink);

    public static Gen<ChannelScenario> ScenarioGen() =>
        from pages in Gen.Elements(1, 2, 4)
        let ringSize = pages * WireConstants.PageSize
        from slot in Gen.Choose(0, ringSize / WireConstants.Alignment - 1)
        from profile in Gen.Elements(FramingProfile.Raw, FramingProfile.Pipe)
        from tpExternal in Gen.Elements(true, false)
        from passive in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from quota in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 6)))
        from chunk in Gen.Choose(1, 8)
        from seed in Gen.Choose(0, int.MaxValue)
        from pauseStart in Gen.Elements(true, false)
        from count in Gen.Choose(0, 30)
        from packets in PacketGen(profile).ArrayOf(count)
        from failAt in Gen.Frequency((5, Gen.Constant(-1)), (1, Gen.Choose(0, 29)))
        select new ChannelScenario(ringSize, slot * WireConstants.Alignment, profile, tpExternal, passive, quota, chunk, seed, pauseStart,
            WithOneFailure(packets, failAt));

    private static PacketPlan[] WithOneFailure(PacketPlan[] packets, int failAt)
    {
        // Fail stops intake for good (D10), so at most one packet fails and liveness is judged only without it.
        if (failAt < 0 || failAt >= packets.Length) return packets;
        var copy = (PacketPlan[])packets.Clone();
        copy[failAt] = copy[failAt] with { Policy = ClientPolicy.Fail };
        return copy;
    }

    public static Gen<PacketPlan> PacketGen(FramingProfile profile) =>
        from type in profile == FramingProfile.Pipe
            ? Gen.Constant(PacketType.InBand)
            : Gen.Elements(PacketType.InBand, PacketType.TransferPages, PacketType.GpaDirect)
        from payload in Gen.Frequency((6, Gen.Choose(0, 64)), (3, Gen.Choose(0, 1500)), (1, Gen.Choose(0, 16384)))
        from completion in Gen.Elements(true, false)
        from policy in Gen.Elements(ClientPolicy.CompleteInline, ClientPolicy.CompleteLater, ClientPolicy.Defer,
            ClientPolicy.ExternalRead, ClientPolicy.ExternalPending)
        from reply in Gen.Frequency((3, Gen.Choose(0, 16)), (2, Gen.Choose(0, 2500)))
        from rangeSeed in Gen.Choose(0, int.MaxValue)
        select new PacketPlan(type, payload, completion, policy, reply, rangeSeed);

    /// <summary>Fewer packets first, then simpler options and smaller, plainer packets.</summary>
    public static IEnumerable<ChannelScenario> Shrink(ChannelScenario s)
    {
        var p = s.Packets;
        if (p.Length > 1) yield return s with { Packets = p[..(p.Length / 2)] };
        if (p.Length > 1) yield return s with { Packets = p[(p.Length / 2)..] };
        for (var i = 0; i < p.Length; i++) yield return s with { Packets = [.. p[..i], .. p[(i + 1)..]] };
        if (s.Quota != 0) yield return s with { Quota = 0 };
        if (s.PauseStart) yield return s with { PauseStart = false };
        if (s.Passive) yield return s with { Passive = false };
        if (s.StartOffset != 0) yield return s with { StartOffset = 0 };
        if (s.Chunk != 1) yield return s with { Chunk = 1 };
        if (s.RingSize > WireConstants.PageSize)
        {
            var smaller = s.RingSize / 2;
            yield return s with { RingSize = smaller, StartOffset = s.StartOffset % smaller };
        }
        for (var i = 0; i < p.Length; i++)
            foreach (var plan in ShrinkPlan(p[i]))
            {
                var copy = (PacketPlan[])p.Clone();
                copy[i] = plan;
                yield return s with { Packets = copy };
            }
    }

    private static IEnumerable<PacketPlan> ShrinkPlan(PacketPlan plan)
    {
        if (plan.PayloadLength > 0) yield return plan with { PayloadLength = plan.PayloadLength / 2 };
        if (plan.ReplyLength > 0) yield return plan with { ReplyLength = 0 };
        if (plan.Policy is not (ClientPolicy.CompleteInline or ClientPolicy.Fail)) yield return plan with { Policy = ClientPolicy.CompleteInline };
        if (plan.Type != PacketType.InBand) yield return plan with { Type = PacketType.InBand };
        if (plan.CompletionRequested) yield return plan with { CompletionRequested = false };
    }
}

using FsCheck;
using FsCheck.Fluent;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;
using Xunit.Abstractions;

namespace Vmb.Ring.Tests;

/// <summary>Generated operation sequences over random rings (ring-format §6).</summary>
public class RingPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void INV_FIFO_INV_ACCEPT_INV_FRAME_MUST_hold_over_random_interleaved_writes_and_reads()
    {
        var coverage = new RingCoverage();
        Prop.ForAll(RingScenarioArbitrary.Scenario(), scenario => new RingScenarioRunner(scenario, coverage).Run())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150));

        output.WriteLine($"packets read {coverage.Packets}, wrap-arounds {coverage.WrapArounds}, ring-full refusals {coverage.FullRefusals}, " +
                         $"writer signals {coverage.WriterSignals}, reader signals {coverage.ReaderSignals}, masked empty→non-empty commits {coverage.MaskedCommits}");
        // The generator must reach the hard cases, or the property proves little (design.md: generator coverage).
        Assert.True(coverage.WrapArounds > 0, "no packet straddled the end of the data area");
        Assert.True(coverage.FullRefusals > 0, "no write was refused as Full");
        Assert.True(coverage.ReaderSignals > 0, "no room-available signal was decided");
        Assert.True(coverage.WriterSignals > 0, "no new-data signal was decided");
    }

    [Fact]
    public void R_SIG_5_R_SIG_6_R_SIG_8_MUST_room_signal_follows_the_crossing_rule()
    {
        var cases =
            from pages in Gen.Choose(1, 4)
            let s = pages * WireConstants.PageSize
            from slot in Gen.Choose(0, s / 8 - 1)
            from n in Gen.Choose(1, 12)
            from sizes in Gen.Choose(0, 900).ArrayOf(n)
            from consume in Gen.Choose(0, 12)
            from pss in Gen.Frequency((4, Gen.Choose(0, s)), (1, Gen.Constant(s - 1)), (1, Gen.Constant(0)))
            from feature in Gen.Elements(true, false)
            from masked in Gen.Elements(true, false)
            select new RoomSignalCase(s, slot * 8, sizes, consume, (uint)pss, feature, masked);

        Prop.ForAll(Arb.From(cases, RoomSignalCase.Shrink), state =>
        {
            using var ring = new TestRing(state.S, state.Start);
            if (!state.Feature) ring.FeatureBits = 0;
            var writer = ring.Writer();
            var used = 0;
            foreach (var size in state.Sizes)
                if (writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[size]) == RingWriteStatus.Written)
                    used += WireConstants.AlignUp(16 + size) + 8;
            writer.Commit();
            var reader = ring.Reader();
            if (state.Masked) reader.MaskInterrupts();
            ring.PendingSendSize = state.Pss;
            var freeBefore = state.S - used;
            for (var i = 0; i < state.Consume; i++)
                if (reader.TryRead(new byte[state.S], out var packet, out _, out _) == RingReadStatus.Packet)
                    used -= packet.Descriptor.TotalLength;
            var freeAfter = state.S - used;
            var pss = state.Pss & ~7u;
            var expected = state.Feature && pss != 0 && freeBefore <= pss && freeAfter > pss;
            return (reader.Commit() == expected).Label($"free {freeBefore}→{freeAfter}, pss {state.Pss}, feature {state.Feature}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}

/// <summary>A ring holding packets of the given payload sizes, a pending_send_size, and how many packets the reader frees.</summary>
public sealed record RoomSignalCase(int S, int Start, int[] Sizes, int Consume, uint Pss, bool Feature, bool Masked)
{
    public static IEnumerable<RoomSignalCase> Shrink(RoomSignalCase c)
    {
        if (c.Sizes.Length > 1) yield return c with { Sizes = c.Sizes[1..] };
        if (c.Sizes.Length > 1) yield return c with { Sizes = c.Sizes[..^1] };
        if (c.Consume > 0) yield return c with { Consume = c.Consume - 1 };
        if (c.Start != 0) yield return c with { Start = 0 };
        if (c.Masked) yield return c with { Masked = false };
    }

    public override string ToString() =>
        $"S={S} start={Start} sizes=[{string.Join(",", Sizes)}] consume={Consume} pss={Pss} feature={Feature} masked={Masked}";
}

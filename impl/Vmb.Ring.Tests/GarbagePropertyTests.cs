using FsCheck;
using FsCheck.Fluent;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;
using Xunit.Abstractions;

namespace Vmb.Ring.Tests;

/// <summary>Arbitrary bytes published as unread data: whatever the reader decides, it decides it safely and stably.</summary>
public class GarbagePropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void R_MAL_9_MUST_reader_decision_on_arbitrary_bytes_is_stable_and_changes_nothing()
    {
        var outcomes = new SortedDictionary<string, int>();
        Prop.ForAll(Arb.From(GarbageGen(), ShrinkGarbage), garbage =>
        {
            using var ring = new TestRing(garbage.DataSize, garbage.Start);
            ring.Publish(garbage.Bytes);
            var reader = ring.Reader(cancel: garbage.Cancel);
            var before = ring.Snapshot();
            var buffer = new byte[garbage.DataSize];

            var first = reader.TryRead(buffer, out var packet, out var error, out var required);
            var firstCopy = buffer.AsSpan(0, Math.Max(packet.Length, 0)).ToArray();
            reader.Revert();
            var second = reader.TryRead(buffer, out var again, out var errorAgain, out var requiredAgain);

            Assert.Equal(before, ring.Snapshot());
            Assert.Equal((first, packet, error, required), (second, again, errorAgain, requiredAgain));
            Assert.NotEqual(RingReadStatus.Empty, first);
            if (first == RingReadStatus.Packet)
            {
                // INV-NOOVERSHOOT: an accepted packet ends at or before W, and its copy passes every check.
                Assert.True(packet.Descriptor.TotalLength <= garbage.Bytes.Length);
                Assert.Equal(firstCopy, buffer.AsSpan(0, packet.Length).ToArray());
                Assert.Null(RingValidator.CheckDescriptor(packet.Descriptor, packet.RingOffset, garbage.Bytes.Length, garbage.DataSize, garbage.Cancel));
                Assert.Null(RingValidator.CheckTypeHeader(packet.Descriptor, buffer.AsSpan(0, packet.Length), packet.RingOffset, garbage.DataSize));
            }
            else
            {
                Assert.Equal(RingReadStatus.Malformed, first);
                Assert.StartsWith("R-", error!.RuleId);
                Assert.InRange(error.RingOffset!.Value, 0, garbage.DataSize - 1);
            }
            reader.Commit();
            var expectedR = first == RingReadStatus.Packet ? (garbage.Start + packet.Descriptor.TotalLength) % garbage.DataSize : garbage.Start;
            Assert.Equal((uint)expectedR, ring.ReadIndex);
            var outcome = error?.RuleId ?? first.ToString();
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.ContainsKey(nameof(RingReadStatus.Packet)), "no generated input was well formed");
    }

    private static Gen<Garbage> GarbageGen() =>
        from pages in Gen.Choose(1, 2)
        let s = pages * WireConstants.PageSize
        from slot in Gen.Choose(0, s / 8 - 1)
        from units in Gen.Choose(1, 64)
        from type in Gen.Elements<ushort>(0x6, 0x7, 0x9, 0xA, 0xB, 0x0, 0xC)
        from offset8 in Gen.Frequency((3, Gen.Choose(0, 8)), (1, Gen.Choose(0, 65535)))
        from len8 in Gen.Frequency((3, Gen.Choose(0, 70)), (1, Gen.Choose(0, 65535)), (3, Gen.Choose(2, units + 1)))
        from flags in Gen.Elements<ushort>(0, 1, 2, 0x8001)
        from rest in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(units * 8)
        from cancel in Gen.Elements(true, false)
        select new Garbage(s, slot * 8, Descriptor(type, offset8, len8, flags, rest), cancel);

    private static byte[] Descriptor(ushort type, int offset8, int len8, ushort flags, byte[] rest)
    {
        // A plausible descriptor in front of random bytes reaches the deeper checks far more often than pure noise.
        var bytes = new byte[WireConstants.DescriptorSize + rest.Length];
        new PacketDescriptor(type, (ushort)offset8, (ushort)len8, flags, 0x77).Write(bytes);
        rest.CopyTo(bytes, WireConstants.DescriptorSize);
        return bytes;
    }

    private static IEnumerable<Garbage> ShrinkGarbage(Garbage g)
    {
        if (g.Bytes.Length > 24) yield return g with { Bytes = g.Bytes[..(g.Bytes.Length / 2 / 8 * 8 + 16)] };
        if (g.Start != 0) yield return g with { Start = 0 };
        if (g.DataSize > WireConstants.PageSize) yield return g with { DataSize = WireConstants.PageSize, Start = g.Start % WireConstants.PageSize };
    }
}

/// <summary>Unread bytes of a ring: <paramref name="Bytes"/> published at <paramref name="Start"/>.</summary>
public sealed record Garbage(int DataSize, int Start, byte[] Bytes, bool Cancel)
{
    public override string ToString() =>
        $"S={DataSize} start={Start} cancel={Cancel} bytes[{Bytes.Length}]={Convert.ToHexString(Bytes.AsSpan(0, Math.Min(48, Bytes.Length)))}";
}

using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>What a run of scenarios exercised, so a property can prove its generator reached the hard cases.</summary>
public sealed class RingCoverage
{
    public int Packets { get; set; }
    public int WrapArounds { get; set; }
    public int FullRefusals { get; set; }
    public int WriterSignals { get; set; }
    public int ReaderSignals { get; set; }
    public int MaskedCommits { get; set; }
}

/// <summary>
/// Runs a scenario against the reference writer and reader on one ring and checks it step by step against a
/// model that knows only the packets in flight: INV-IDX, INV-USED, INV-ACCEPT, INV-FIFO, INV-WRAP, INV-FRAME,
/// INV-SIG-W (R-SIG-1), INV-SIG-R (R-SIG-5/6/7) and INV-COMMIT.
/// </summary>
internal sealed class RingScenarioRunner(RingScenario scenario, RingCoverage coverage)
{
    private readonly Queue<(PacketSpec Spec, int Total)> _unread = new();
    private int _used;
    private uint _pendingSendSize;
    private bool _masked;

    public void Run()
    {
        using var ring = new TestRing(scenario.DataSize, scenario.Start);
        var writer = ring.Writer();
        var reader = ring.Reader();
        var buffer = new byte[scenario.DataSize];
        foreach (var op in scenario.Ops)
        {
            switch (op)
            {
                case WriteBatch batch: Write(ring, writer, batch); break;
                case ReadBatch batch: Read(ring, reader, batch, buffer); break;
                case SetMask { Masked: true }:
                    reader.MaskInterrupts();
                    _masked = true;
                    break;
                case SetMask:
                    Assert.Equal(_unread.Count > 0, reader.UnmaskInterrupts()); // R-SIG-3
                    _masked = false;
                    break;
            }
            CheckFrames(ring);
        }
    }

    private void Write(TestRing ring, RingWriter writer, WriteBatch batch)
    {
        var wasEmpty = _used == 0;
        var written = 0;
        foreach (var spec in batch.Packets)
        {
            var header = spec.Header();
            var payload = spec.Payload(scenario.DataSize);
            var total = WireConstants.AlignUp(WireConstants.DescriptorSize + header.Length + payload.Length) + WireConstants.TrailerSize;
            var fits = scenario.DataSize - _used > total; // INV-ACCEPT, R-RING-7
            var before = ring.Snapshot();
            var status = spec.Type == PacketType.Completion
                ? CompletionPacket.TryWrite(writer, spec.TransactionId, payload)
                : writer.TryWrite(spec.Type, spec.Flags, spec.TransactionId, header, payload);
            Assert.Equal(fits ? RingWriteStatus.Written : RingWriteStatus.Full, status);
            if (fits)
            {
                _unread.Enqueue((spec, total));
                _used += total;
                _pendingSendSize = 0;
                written++;
                Assert.Equal(0u, ring.PendingSendSize); // R-SIG-4: cleared on success
            }
            else
            {
                coverage.FullRefusals++;
                _pendingSendSize = (uint)total;
                Assert.Equal((uint)total, ring.PendingSendSize); // R-SIG-4
                ControlPage.Write(before, ControlPage.PendingSendSizeOffset, (uint)total);
                Assert.Equal(before, ring.Snapshot()); // INV-ACCEPT: nothing else changed
            }
        }
        var signal = writer.Commit();
        Assert.Equal(written > 0 && wasEmpty && !_masked, signal); // R-SIG-1, INV-COMMIT
        if (signal) coverage.WriterSignals++;
        if (written > 0 && wasEmpty && _masked) coverage.MaskedCommits++;
    }

    private void Read(TestRing ring, RingReader reader, ReadBatch batch, byte[] buffer)
    {
        var freeBefore = scenario.DataSize - _used;
        var read = 0;
        for (var i = 0; i < batch.MaxPackets; i++)
        {
            var status = reader.TryRead(buffer, out var packet, out var error, out _);
            if (_unread.Count == 0)
            {
                Assert.Equal(RingReadStatus.Empty, status);
                break;
            }
            Assert.True(status == RingReadStatus.Packet, $"expected a packet, got {status}: {error}");
            var (spec, total) = _unread.Dequeue();
            AssertSamePacket(spec, packet, buffer);
            Assert.Equal(total, packet.Descriptor.TotalLength);
            if (packet.RingOffset + total > scenario.DataSize) coverage.WrapArounds++;
            _used -= total;
            read++;
            coverage.Packets++;
        }
        var rounded = _pendingSendSize & ~7u;
        var freeAfter = scenario.DataSize - _used;
        var expected = read > 0 && rounded != 0 && freeBefore <= rounded && freeAfter > rounded; // R-SIG-5/6, mask ignored (R-SIG-7)
        var signal = reader.Commit();
        Assert.Equal(expected, signal);
        if (signal) coverage.ReaderSignals++;
        Assert.Equal((uint)reader.PublishedReadIndex, ring.ReadIndex);
    }

    private void AssertSamePacket(PacketSpec spec, RingPacket packet, byte[] buffer)
    {
        var header = spec.Header();
        var payload = spec.Payload(scenario.DataSize);
        var expected = PacketDescriptor.For(spec.Type, header.Length, payload.Length, spec.Flags, spec.TransactionId);
        Assert.Equal(expected, packet.Descriptor); // INV-FIFO
        Assert.Equal(expected.Length, packet.Length);
        var bytes = buffer.AsSpan(0, packet.Length);
        Assert.Equal(expected, PacketDescriptor.Read(bytes));
        Assert.True(bytes.Slice(WireConstants.DescriptorSize, header.Length).SequenceEqual(header), "type header differs");
        Assert.True(bytes.Slice(expected.DataOffset, payload.Length).SequenceEqual(payload), "payload differs");
        Assert.True(bytes[(expected.DataOffset + payload.Length)..].IndexOfAnyExcept((byte)0) < 0, "padding is not zero"); // R-DESC-6
    }

    /// <summary>INV-IDX, INV-USED and INV-FRAME on the shared ring.</summary>
    private void CheckFrames(TestRing ring)
    {
        var s = scenario.DataSize;
        var w = (int)ring.WriteIndex;
        var r = (int)ring.ReadIndex;
        Assert.True(w < s && w % 8 == 0 && r < s && r % 8 == 0, $"INV-IDX: W={w} R={r}");
        var used = w >= r ? w - r : s - (r - w);
        Assert.Equal(_used, used);
        Assert.True(used <= s - 8, $"INV-USED: used {used} > S - 8");
        var at = r;
        var remaining = used;
        foreach (var (_, total) in _unread)
        {
            var descriptor = PacketDescriptor.Read(ring.Peek(at, WireConstants.DescriptorSize));
            Assert.True(descriptor.Offset8 >= 2 && descriptor.Offset8 <= descriptor.Len8, $"INV-FRAME: {descriptor} at {at}");
            Assert.Equal(total, descriptor.TotalLength);
            Assert.Equal(Trailer.ValueFor((uint)at), Trailer.Read(ring.Peek((at + descriptor.Length) % s, 8)));
            Assert.True(total <= remaining, "INV-FRAME: packet runs past W");
            remaining -= total;
            at = (at + total) % s;
        }
        Assert.Equal(0, remaining);
        Assert.Equal(w, at);
    }
}

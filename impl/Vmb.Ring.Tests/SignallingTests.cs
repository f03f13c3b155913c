using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring.Tests;

/// <summary>Signalling decisions of ring-format §4 on hand-picked states.</summary>
public class SignallingTests
{
    private const int S = 4096;
    private static readonly byte[] Small = new byte[40]; // total 64

    [Fact]
    public void R_SIG_1_MUST_writer_signals_when_the_ring_goes_from_empty_to_non_empty()
    {
        using var ring = new TestRing(S, startIndex: 4032);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, Small);
        writer.TryWrite(PacketType.InBand, 0, 2, default, Small);
        Assert.True(writer.Commit());
    }

    [Fact]
    public void R_SIG_1_MUST_NOT_writer_signals_when_the_reader_has_not_caught_up()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, Small);
        Assert.True(writer.Commit());
        writer.TryWrite(PacketType.InBand, 0, 2, default, Small);
        Assert.False(writer.Commit());

        // The reader consumed only the first packet: still not empty before the batch.
        var reader = ring.Reader();
        reader.TryRead(new byte[128], out _, out _, out _);
        reader.Commit();
        writer.TryWrite(PacketType.InBand, 0, 3, default, Small);
        Assert.False(writer.Commit());
    }

    [Fact]
    public void R_SIG_1_MUST_writer_signals_again_once_the_reader_drained_everything()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        var reader = ring.Reader();
        writer.TryWrite(PacketType.InBand, 0, 1, default, Small);
        Assert.True(writer.Commit());
        reader.TryRead(new byte[128], out _, out _, out _);
        reader.Commit();
        writer.TryWrite(PacketType.InBand, 0, 2, default, Small);
        Assert.True(writer.Commit());
    }

    [Fact]
    public void R_SIG_1_MUST_NOT_writer_signals_when_interrupt_mask_is_set()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        ring.Reader().MaskInterrupts();
        Assert.Equal(1u, ring.InterruptMask);
        writer.TryWrite(PacketType.InBand, 0, 1, default, Small);
        Assert.False(writer.Commit());
    }

    [Fact]
    public void INV_COMMIT_MUST_commit_with_nothing_staged_changes_nothing_and_never_signals()
    {
        using var ring = new TestRing(S, startIndex: 512);
        var writer = ring.Writer();
        var reader = ring.Reader();
        ring.PendingSendSize = 8;
        var before = ring.Snapshot();
        Assert.False(writer.Commit());
        Assert.False(reader.Commit());
        writer.TryWrite(PacketType.InBand, 0, 1, default, Small);
        writer.Revert();
        Assert.False(writer.Commit());
        Assert.Equal(512u, ring.WriteIndex);
        Assert.Equal(before.AsSpan(0, 64).ToArray(), ring.Snapshot().AsSpan(0, 64).ToArray());
    }

    [Fact]
    public void R_RING_11_MAY_reader_revert_forgets_staged_consumption()
    {
        using var ring = new TestRing(S, startIndex: 512);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, Small);
        writer.Commit();
        var reader = ring.Reader();
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[128], out _, out _, out _));
        reader.Revert();
        Assert.False(reader.Commit());
        Assert.Equal(512u, ring.ReadIndex);
        Assert.Equal(RingReadStatus.Packet, reader.TryRead(new byte[128], out var again, out _, out _));
        Assert.Equal(1ul, again.Descriptor.TransactionId);
    }

    [Fact]
    public void R_SIG_3_MUST_unmask_clears_the_mask_and_reports_data_that_arrived_meanwhile()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        var reader = ring.Reader();
        reader.MaskInterrupts();
        Assert.False(reader.UnmaskInterrupts());
        Assert.Equal(0u, ring.InterruptMask);

        reader.MaskInterrupts();
        writer.TryWrite(PacketType.InBand, 0, 1, default, Small);
        Assert.False(writer.Commit());
        Assert.True(reader.UnmaskInterrupts());
        Assert.Equal(0u, ring.InterruptMask);
    }

    [Fact]
    public void R_SIG_4_SHOULD_full_write_sets_pending_send_size_and_success_clears_it()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        var reader = ring.Reader();
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[3000]));
        writer.Commit();
        var before = ring.Snapshot();
        Assert.Equal(RingWriteStatus.Full, writer.TryWrite(PacketType.InBand, 0, 2, default, new byte[2000]));
        Assert.Equal(2024u, ring.PendingSendSize);
        ControlPage.Write(before, ControlPage.PendingSendSizeOffset, 2024);
        Assert.Equal(before, ring.Snapshot()); // INV-ACCEPT: only pending_send_size changed

        reader.TryRead(new byte[4096], out _, out _, out _);
        Assert.True(reader.Commit()); // R-SIG-5: free went from 1072 (≤ 2024) to 4096
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 2, default, new byte[2000]));
        Assert.Equal(0u, ring.PendingSendSize);
    }

    [Fact]
    public void R_SIG_4_SHOULD_full_with_staged_packets_needs_a_commit_and_retry_before_waiting()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[1000]); // total 1024, published
        writer.Commit();
        writer.TryWrite(PacketType.InBand, 0, 2, default, new byte[2024]); // total 2048, staged only
        Assert.Equal(RingWriteStatus.Full, writer.TryWrite(PacketType.InBand, 0, 3, default, new byte[1000]));
        Assert.Equal(1024u, ring.PendingSendSize);

        // The reader frees the published packet; by the W it can see there was room all along, so no signal.
        var reader = ring.Reader();
        reader.TryRead(new byte[4096], out _, out _, out _);
        Assert.False(reader.Commit());

        // Hence the documented pattern: publish what is staged, then ask again.
        Assert.True(writer.Commit());
        Assert.Equal(RingWriteStatus.Written, writer.TryWrite(PacketType.InBand, 0, 3, default, new byte[1000]));
        Assert.Equal(0u, ring.PendingSendSize);
    }

    [Theory]
    // free before, pss, expected: packets of total 1024 in a 4096 ring; the reader frees one.
    [InlineData(3, 1024, true)]   // free before = 4096 − 3 × 1024 = 1024 ≤ 1024 < 2048 = free after
    [InlineData(3, 1023, false)]  // R-SIG-6: rounded to 1016; free before 1024 > 1016, the writer was not blocked
    [InlineData(3, 2048, false)]  // free after 2048 is not > 2048: equality is "not enough room"
    [InlineData(3, 2040, true)]
    [InlineData(2, 1024, false)]  // free before 2048 > 1024: the writer was not blocked
    [InlineData(3, 0, false)]     // pss 0: nobody waits
    // Totals of 1032 leave 1000 free, a value with bit 3 set: R-SIG-6 rounds 1007 down to 1000 and no further.
    [InlineData(3, 1000 | 7, true, 1008)]
    public void R_SIG_5_MUST_reader_signals_only_when_free_space_crosses_pending_send_size(int packets, uint pss, bool expected, int payload = 1000)
    {
        using var ring = new TestRing(S, startIndex: 1024);
        var writer = ring.Writer();
        for (var i = 0; i < packets; i++) writer.TryWrite(PacketType.InBand, 0, (ulong)i, default, new byte[payload]);
        writer.Commit();
        var reader = ring.Reader();
        ring.PendingSendSize = pss;
        reader.TryRead(new byte[1024], out _, out _, out _);
        Assert.Equal(expected, reader.Commit());
    }

    [Fact]
    public void R_SIG_6_SHOULD_pending_send_size_S_minus_1_means_wake_when_empty()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        for (var i = 0; i < 2; i++) writer.TryWrite(PacketType.InBand, 0, (ulong)i, default, new byte[1000]);
        writer.Commit();
        var reader = ring.Reader();
        ring.PendingSendSize = S - 1;
        reader.TryRead(new byte[1024], out _, out _, out _);
        Assert.False(reader.Commit()); // one packet still unread
        reader.TryRead(new byte[1024], out _, out _, out _);
        Assert.True(reader.Commit());  // empty: free 4096 > 4088
    }

    [Fact]
    public void R_SIG_5_MUST_batch_signals_once_for_the_whole_crossing()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        for (var i = 0; i < 3; i++) writer.TryWrite(PacketType.InBand, 0, (ulong)i, default, new byte[1000]);
        writer.Commit();
        Assert.Equal(RingWriteStatus.Full, writer.TryWrite(PacketType.InBand, 0, 9, default, new byte[2000]));
        var reader = ring.Reader();
        reader.TryRead(new byte[1024], out _, out _, out _);
        reader.TryRead(new byte[1024], out _, out _, out _);
        Assert.True(reader.Commit());
        reader.TryRead(new byte[1024], out _, out _, out _);
        Assert.False(reader.Commit()); // already above pss before this batch
    }

    [Fact]
    public void R_SIG_7_MUST_interrupt_mask_does_not_suppress_the_room_signal()
    {
        using var ring = new TestRing(S);
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[3000]);
        writer.Commit();
        Assert.Equal(RingWriteStatus.Full, writer.TryWrite(PacketType.InBand, 0, 2, default, new byte[2000]));
        var reader = ring.Reader();
        reader.MaskInterrupts();
        reader.TryRead(new byte[4096], out _, out _, out _);
        Assert.True(reader.Commit());
    }

    [Fact]
    public void R_SIG_8_SHOULD_reader_skips_the_room_signal_when_feature_bit_0_is_clear()
    {
        using var ring = new TestRing(S);
        ring.FeatureBits = 0;
        var writer = ring.Writer();
        writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[3000]);
        writer.Commit();
        Assert.Equal(RingWriteStatus.Full, writer.TryWrite(PacketType.InBand, 0, 2, default, new byte[2000]));
        var reader = ring.Reader();
        reader.TryRead(new byte[4096], out _, out _, out _);
        Assert.False(reader.Commit());
        Assert.True(new ReferenceRing().RoomSignalRequiresFeatureBit);
    }

    [Fact]
    public void R_RING_5_MUST_each_side_writes_only_its_own_control_fields()
    {
        using var ring = new TestRing(S, startIndex: 800);
        ring.Control[ControlPage.ReservedOffset..ControlPage.FeatureBitsOffset].Fill(0x5A);
        ring.Control[(ControlPage.FeatureBitsOffset + 4)..].Fill(0xA5);
        var writer = ring.Writer();
        var reader = ring.Reader();
        reader.MaskInterrupts();

        var control = ring.Control.ToArray();
        writer.TryWrite(PacketType.InBand, 0, 1, default, new byte[3000]);
        writer.TryWrite(PacketType.InBand, 0, 2, default, new byte[3000]); // Full: sets pss
        writer.Commit();
        var afterWriter = ring.Control.ToArray();
        AssertOnlyChanged(control, afterWriter, ControlPage.WriteIndexOffset, ControlPage.PendingSendSizeOffset);

        reader.TryRead(new byte[4096], out _, out _, out _);
        reader.Commit();
        reader.UnmaskInterrupts();
        AssertOnlyChanged(afterWriter, ring.Control.ToArray(), ControlPage.ReadIndexOffset, ControlPage.InterruptMaskOffset);
    }

    private static void AssertOnlyChanged(byte[] before, byte[] after, params int[] fields)
    {
        for (var i = 0; i < before.Length; i++)
        {
            if (Array.Exists(fields, f => i >= f && i < f + 4)) continue;
            Assert.True(before[i] == after[i], $"control byte {i} ({ControlPage.FieldName(i & ~3)}) changed");
        }
    }
}

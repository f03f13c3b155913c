using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring;

/// <summary>
/// The reference strict ring reader (ring-format §5). It keeps its own read position (R-MAL-12), copies each
/// packet out of shared memory exactly once and validates only the copy (R-MAL-10), and publishes consumption
/// with one release store per <see cref="Commit"/>. It writes only reader-owned control fields
/// (read_index, interrupt_mask; R-RING-5) and never reads interrupt_mask, so its initial value does not matter
/// (R-RING-14). Single consumer: one caller at a time.
/// </summary>
/// <remarks>
/// R-SIG-8 choice: the room-available signal (R-SIG-5) is evaluated only when feature bit 0 of this ring's
/// feature_bits is set, as Linux, DPDK and FreeBSD readers do. A writer that never announced the
/// pending-send-size protocol polls and is never signalled.
/// </remarks>
public sealed class RingReader : IRingReader
{
    private readonly RingMemory _ring;
    private readonly Action? _signalWriter;
    private int _published;
    private int _position;

    /// <summary>
    /// Attaches to the ring in <paramref name="ring"/>, taking read_index and write_index from the control page
    /// and validating them (R-RING-13, with the checks of R-MAL-1).
    /// </summary>
    /// <param name="ring">Control page followed by the data area.</param>
    /// <param name="cancelSupported">Accept cancel packets (type 0xA, R-CMP-7); without it they are malformed (R-MAL-7).</param>
    /// <exception cref="ArgumentException">The region cannot hold a ring (R-RING-3) or is misaligned.</exception>
    /// <param name="signalWriter">The doorbell the SPI's Commit rings when R-SIG-5 asks; null for callers that use <see cref="Commit"/>'s result themselves.</param>
    /// <param name="strict">False models the common lenient reader (errata E-24): undefined flags and unknown types pass.</param>
    /// <exception cref="RingFormatException">An index in the control page is corrupt.</exception>
    public RingReader(MemoryRegion ring, bool cancelSupported = false, Action? signalWriter = null, bool strict = true)
    {
        _ring = RingMemory.Over(ring);
        _signalWriter = signalWriter;
        CancelSupported = cancelSupported;
        Strict = strict;
        _published = (int)LoadIndexOrThrow(ControlPage.ReadIndexOffset);
        LoadIndexOrThrow(ControlPage.WriteIndexOffset);
        _position = _published;
    }

    /// <summary>S, the size of the data area.</summary>
    public int DataSize => _ring.DataSize;

    /// <summary>Whether cancel packets are accepted (R-CMP-7).</summary>
    public bool CancelSupported { get; }

    /// <summary>Whether the field-strictness cases of ring-format §5 are rejected too (strict-reader, errata E-24).</summary>
    public bool Strict { get; }

    /// <summary>The published read index (the reader's own copy, R-MAL-12).</summary>
    public int PublishedReadIndex => _published;

    /// <summary>Where the next packet is read from: past every staged, unpublished packet.</summary>
    public int Position => _position;

    /// <inheritdoc />
    /// <remarks>
    /// On <see cref="RingReadStatus.BufferTooSmall"/>, <paramref name="requiredSize"/> is the packet length without
    /// trailer (len8 × 8); on success it equals <see cref="RingPacket.Length"/>; otherwise 0.
    /// </remarks>
    public RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize)
    {
        packet = default;
        requiredSize = 0;
        var write = _ring.LoadAcquire(ControlPage.WriteIndexOffset); // R-SIG-9
        error = RingValidator.CheckIndex(write, _ring.DataSize, ControlPage.WriteIndexOffset);
        if (error is not null) return RingReadStatus.Malformed;
        var start = _position;
        var used = _ring.Used((int)write, start);
        if (used == 0) return RingReadStatus.Empty;
        error = RingValidator.CheckUsed(used, start);
        if (error is not null) return RingReadStatus.Malformed;

        // R-MAL-10: the descriptor is fetched once, as two plain word loads into locals (the memory model never
        // re-reads them); every later decision uses these values. 8-aligned words never wrap, though the ring may
        // wrap between the two.
        var head = _ring.LoadWord(start);
        var transactionId = _ring.LoadWord(_ring.Advance(start, WireConstants.Alignment));
        var descriptor = new PacketDescriptor((ushort)head, (ushort)(head >> 16), (ushort)(head >> 32), (ushort)(head >> 48), transactionId);
        error = RingValidator.CheckDescriptor(descriptor, start, used, _ring.DataSize, CancelSupported, Strict);
        if (error is not null) return RingReadStatus.Malformed;

        var length = descriptor.Length;
        if (destination.Length < length)
        {
            requiredSize = length;
            return RingReadStatus.BufferTooSmall;
        }
        // The caller's copy gets the descriptor from the locals, not from shared memory again.
        ref var copy = ref MemoryMarshal.GetReference(destination);
        Unsafe.WriteUnaligned(ref copy, ToLittleEndian(head));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref copy, WireConstants.Alignment), ToLittleEndian(transactionId));
        var rest = length - WireConstants.DescriptorSize;
        if (rest != 0)
            _ring.CopyOut(_ring.Advance(start, WireConstants.DescriptorSize), MemoryMarshal.CreateSpan(ref Unsafe.Add(ref copy, WireConstants.DescriptorSize), rest));
        if (descriptor.Type is (ushort)PacketType.TransferPages or (ushort)PacketType.GpaDirect)
        {
            error = RingValidator.CheckTypeHeader(descriptor, destination[..length], start, _ring.DataSize);
            if (error is not null) return RingReadStatus.Malformed;
        }

        // The trailer is skipped unread: its value never steers the reader (R-MAL-11).
        _position = _ring.Advance(start, descriptor.TotalLength);
        packet = new RingPacket(descriptor, start, length);
        requiredSize = length;
        return RingReadStatus.Packet;
    }

    /// <summary>Publishes the consumption of staged packets (R-RING-10); returns true when the writer must be signalled (R-SIG-5).</summary>
    public bool Commit()
    {
        if (_position == _published) return false; // INV-COMMIT
        var released = _ring.Used(_position, _published);
        _ring.StoreRelease(ControlPage.ReadIndexOffset, (uint)_position);
        _published = _position;
        // R-SIG-5: R must be visible before pending_send_size is loaded, or the writer's re-check and our test can both miss.
        Interlocked.MemoryBarrier();
        var pending = _ring.LoadAcquire(ControlPage.PendingSendSizeOffset) & ~(uint)(WireConstants.Alignment - 1); // R-SIG-6
        if (pending == 0) return false;
        if ((_ring.LoadAcquire(ControlPage.FeatureBitsOffset) & ControlPage.FeaturePendingSendSize) == 0) return false; // R-SIG-8
        var write = _ring.LoadAcquire(ControlPage.WriteIndexOffset);
        // A corrupt W is reported by the next TryRead; it cannot justify a signal.
        if (RingValidator.CheckIndex(write, _ring.DataSize, ControlPage.WriteIndexOffset) is not null) return false;
        long freeAfter = _ring.DataSize - _ring.Used((int)write, _published);
        var freeBefore = freeAfter - released;
        return freeBefore <= pending && freeAfter > pending;
    }

    // Through the SPI the decision is an event of the commit itself (D25): the doorbell rings before Commit returns.
    void IRingReader.Commit()
    {
        if (Commit()) _signalWriter?.Invoke();
    }

    /// <inheritdoc />
    public void Revert() => _position = _published;

    /// <inheritdoc />
    public void MaskInterrupts() => _ring.StoreRelease(ControlPage.InterruptMaskOffset, 1);

    /// <inheritdoc />
    public bool UnmaskInterrupts()
    {
        _ring.StoreRelease(ControlPage.InterruptMaskOffset, 0);
        // R-SIG-3: the cleared mask must be visible before W is checked again, or a writer's signal can be lost.
        Interlocked.MemoryBarrier();
        return _ring.LoadAcquire(ControlPage.WriteIndexOffset) != (uint)_position;
    }

    private static ulong ToLittleEndian(ulong value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private uint LoadIndexOrThrow(int fieldOffset)
    {
        var value = _ring.LoadAcquire(fieldOffset);
        if (RingValidator.CheckIndex(value, _ring.DataSize, fieldOffset) is { } error) throw new RingFormatException(error);
        return value;
    }
}

using System.Diagnostics.CodeAnalysis;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Ring;

/// <summary>
/// The reference ring writer. It stages whole packets behind the published write index and publishes them
/// with one release store per <see cref="Commit"/>. It writes only writer-owned control fields
/// (write_index, pending_send_size; R-RING-5), except when it creates a fresh ring (R-RING-12).
/// Single producer: one caller at a time.
/// </summary>
public sealed class RingWriter : IRingWriter
{
    private const string AttachRule = "R-RING-13";
    private const string LoadedReadIndexRule = "R-MAL-15";

    private readonly RingMemory _ring;
    private readonly Action? _signalReader;
    private int _published;
    private int _staged;
    private bool _pendingSendSizeSet;

    /// <summary>
    /// Attaches to the ring in <paramref name="ring"/> (control page followed by the data area). With
    /// <paramref name="initialize"/> the ring is created fresh (R-RING-12); otherwise write_index and
    /// read_index are taken from the control page and validated (R-RING-13).
    /// </summary>
    /// <exception cref="ArgumentException">The region cannot hold a ring (R-RING-3) or is misaligned.</exception>
    /// <exception cref="RingFormatException">An index in the control page is corrupt.</exception>
    /// <param name="ring">Control page followed by the data area.</param>
    /// <param name="initialize">Create the ring fresh instead of attaching to one in use.</param>
    /// <param name="signalReader">The doorbell the SPI's Commit rings when R-SIG-1 asks; null for callers that use <see cref="Commit"/>'s result themselves.</param>
    public RingWriter(MemoryRegion ring, bool initialize, Action? signalReader = null)
    {
        _ring = RingMemory.Over(ring);
        _signalReader = signalReader;
        if (initialize)
        {
            Create();
        }
        else
        {
            _published = (int)LoadIndex(ControlPage.WriteIndexOffset, AttachRule);
            LoadIndex(ControlPage.ReadIndexOffset, AttachRule);
        }
        _staged = _published;
    }

    /// <summary>S, the size of the data area.</summary>
    public int DataSize => _ring.DataSize;

    /// <summary>The published write index.</summary>
    public int PublishedWriteIndex => _published;

    /// <summary>Where the next staged packet will start.</summary>
    public int StagedWriteIndex => _staged;

    /// <inheritdoc />
    /// <exception cref="RingFormatException">The peer's read_index is corrupt (R-MAL-15).</exception>
    public int FreeBytes => Free(LoadReadIndex());

    /// <inheritdoc />
    /// <remarks>
    /// A Full result is followed by a room signal from the reader (R-SIG-5) only when nothing was staged: the
    /// reader measures free space against the published write index and cannot see staged packets. A caller
    /// that gets Full with packets staged (<see cref="StagedWriteIndex"/> ≠ <see cref="PublishedWriteIndex"/>)
    /// commits them and calls TryWrite again before it waits.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The packet is not one a correct writer may produce: a flag other than bit 0 (R-DESC-8), an unknown type
    /// (R-DESC-9), a type header on an in-band/cancel/completion packet or a missing one on type 7/9 (R-DESC-3,
    /// R-DESC-10), a header not a multiple of 8, or a total this ring can never hold (R-DESC-13).
    /// </exception>
    /// <exception cref="RingFormatException">The peer's read_index is corrupt (R-MAL-15).</exception>
    public RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload)
    {
        var length = Describe(type, flags, typeHeader.Length, payload.Length);
        var total = length + WireConstants.TrailerSize;
        if (Free(LoadReadIndex()) <= total && !WaitForRoom(total))
            return RingWriteStatus.Full;

        // Descriptor and trailer are whole 8-aligned words, so each is one store and only the data between them can
        // wrap; the descriptor's two words are written separately because the ring may wrap between them.
        var start = _staged;
        var dataOffset = WireConstants.DescriptorSize + typeHeader.Length;
        _ring.StoreWord(start, (ulong)type | (ulong)(dataOffset / WireConstants.Alignment) << 16
            | (ulong)(length / WireConstants.Alignment) << 32 | (ulong)flags << 48);
        var at = _ring.Advance(start, WireConstants.Alignment);
        _ring.StoreWord(at, transactionId);
        at = _ring.Advance(at, WireConstants.Alignment);
        if (!typeHeader.IsEmpty) at = _ring.CopyIn(at, typeHeader);
        if (!payload.IsEmpty) at = _ring.CopyIn(at, payload);
        // Padding ends on an 8-byte boundary, which is never past S, so it cannot wrap either.
        var padding = length - dataOffset - payload.Length;
        if (padding != 0) at = _ring.Zero(at, padding);
        _ring.StoreWord(at, Trailer.ValueFor((uint)start));
        _staged = _ring.Advance(at, WireConstants.TrailerSize);

        if (_pendingSendSizeSet)
        {
            _ring.StoreRelease(ControlPage.PendingSendSizeOffset, 0);
            _pendingSendSizeSet = false;
        }
        return RingWriteStatus.Written;
    }

    /// <summary>Publishes every staged packet (R-RING-9); returns true when the reader must be signalled (R-SIG-1).</summary>
    public bool Commit()
    {
        if (_staged == _published) return false; // INV-COMMIT: nothing to publish, nothing changes
        var before = _published;
        _ring.StoreRelease(ControlPage.WriteIndexOffset, (uint)_staged);
        _published = _staged;
        // R-SIG-2: the W store must be globally visible before mask and R are loaded, or a wakeup is lost.
        Interlocked.MemoryBarrier();
        var masked = _ring.LoadAcquire(ControlPage.InterruptMaskOffset) != 0;
        var read = _ring.LoadAcquire(ControlPage.ReadIndexOffset);
        return !masked && read == (uint)before; // R-SIG-1: empty → non-empty only
    }

    // Through the SPI the decision is an event of the commit itself (D25): the doorbell rings before Commit returns.
    void IRingWriter.Commit()
    {
        if (Commit()) _signalReader?.Invoke();
    }

    /// <inheritdoc />
    public void Revert() => _staged = _published;

    /// <summary>
    /// Creates a fresh ring (R-RING-12): both indices, interrupt_mask and pending_send_size 0, feature bit 0 set.
    /// The only time a writer stores into fields it does not own, and the only store to feature_bits (R-RING-5).
    /// </summary>
    private void Create()
    {
        // The creator writes the whole defined part of the control page once; reserved bytes are zero.
        _ring.ClearControl(0, ControlPage.FeatureBitsOffset);
        _ring.StoreRelease(ControlPage.FeatureBitsOffset, ControlPage.FeaturePendingSendSize);
        _published = 0;
    }

    /// <summary>R-SIG-4: announce the need, then look again, so a reader that freed room meanwhile is not missed.</summary>
    private bool WaitForRoom(int total)
    {
        _ring.StoreRelease(ControlPage.PendingSendSizeOffset, (uint)total);
        _pendingSendSizeSet = true;
        Interlocked.MemoryBarrier();
        return Free(LoadReadIndex()) > total;
    }

    private int Free(uint read) => _ring.DataSize - _ring.Used(_staged, (int)read);

    private uint LoadReadIndex() => LoadIndex(ControlPage.ReadIndexOffset, LoadedReadIndexRule);

    private uint LoadIndex(int fieldOffset, string ruleId)
    {
        var value = _ring.LoadAcquire(fieldOffset);
        if (RingValidator.CheckIndex(value, _ring.DataSize, fieldOffset, ruleId) is { } error) throw new RingFormatException(error);
        return value;
    }

    /// <summary>The packet's length without trailer (len8 × 8), once the packet is one a correct writer may send.</summary>
    private int Describe(PacketType type, ushort flags, int headerBytes, int payloadBytes)
    {
        if ((flags & ~WireConstants.DefinedDescriptorFlags) != 0) ThrowFlags(flags);
        if (!PacketTypes.IsKnown((ushort)type)) ThrowType(type);
        var needsHeader = type is PacketType.TransferPages or PacketType.GpaDirect;
        if (needsHeader ? headerBytes < WireConstants.RangeTypeHeaderSize : headerBytes != 0) ThrowHeader(type, needsHeader);
        if (headerBytes % WireConstants.Alignment != 0) ThrowHeaderAlignment(headerBytes);
        // In long: a header and payload near int.MaxValue must be refused, not wrapped round to a small length.
        var length = ((long)WireConstants.DescriptorSize + headerBytes + payloadBytes + (WireConstants.Alignment - 1)) & ~(long)(WireConstants.Alignment - 1);
        // The ring's limit is never above the wire's (R-DESC-13), so this one check covers both.
        var limit = WireConstants.MaxTotalForRing(_ring.DataSize);
        if (length + WireConstants.TrailerSize > limit) ThrowTooLarge(length + WireConstants.TrailerSize, limit, _ring.DataSize);
        return (int)length;
    }

    // The throws live out of line so that the checks above stay a few compares on the hot path.
    [DoesNotReturn]
    private static void ThrowFlags(ushort flags) =>
        throw new ArgumentException($"flags 0x{flags:x4} set bits other than bit 0 (R-DESC-8)", nameof(flags));

    [DoesNotReturn]
    private static void ThrowType(PacketType type) =>
        throw new ArgumentException($"packet type 0x{(ushort)type:x} is not a wire type (R-DESC-9)", nameof(type));

    [DoesNotReturn]
    private static void ThrowHeader(PacketType type, bool needsHeader) =>
        throw new ArgumentException(needsHeader
            ? $"type {type} needs a type header of at least 8 bytes (R-DESC-10)"
            : $"type {type} carries no type header: offset8 must be 2 (R-DESC-3)", nameof(type));

    [DoesNotReturn]
    private static void ThrowHeaderAlignment(int headerBytes) =>
        throw new ArgumentOutOfRangeException("typeHeader", headerBytes, "type header must be a multiple of 8 bytes");

    [DoesNotReturn]
    private static void ThrowTooLarge(long total, int limit, int dataSize) =>
        throw new ArgumentException(
            $"packet total {total} can never fit this ring: the largest total for S = {dataSize} is {limit} (R-RING-7, R-DESC-13)",
            "payload");
}

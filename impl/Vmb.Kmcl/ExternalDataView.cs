using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

/// <summary>
/// The MDL of GetExternalData: the sender's ranges over guest memory, in order (R-EXT-16). It dies when
/// its packet is answered; any use afterwards is reported as R-MIS-5, a write through a read-only view
/// as R-MIS-6, and both raise <see cref="ContractViolationException"/>.
/// </summary>
internal sealed class ExternalDataView : IExternalDataView
{
    private readonly IGuestMemory _memory;
    private readonly IChannelObserver _observer;
    private readonly GpaRange[] _ranges;
    private readonly bool _readOnly;
    private readonly long _length;
    private volatile bool _dead;

    public ExternalDataView(IGuestMemory memory, IChannelObserver observer, GpaRange[] ranges, bool readOnly)
    {
        _memory = memory;
        _observer = observer;
        _ranges = ranges;
        _readOnly = readOnly;
        foreach (var r in ranges) _length += r.ByteCount;
    }

    public bool IsDead => _dead;

    public bool IsReadOnly { get { RequireLive(nameof(IsReadOnly)); return _readOnly; } }

    public IReadOnlyList<GpaRange> Ranges { get { RequireLive(nameof(Ranges)); return _ranges; } }

    public long Length { get { RequireLive(nameof(Length)); return _length; } }

    /// <summary>Called by the channel when the packet is answered (R-CMPL-3, R-EXT-15).</summary>
    public void Kill() => _dead = true;

    public void Read(long offset, Span<byte> destination)
    {
        RequireLive(nameof(Read));
        CheckBounds(offset, destination.Length);
        // The pages' pieces in order, read as one request: a memory across a process boundary answers it in one exchange.
        var segments = new List<GuestSegment>();
        Walk(offset, destination.Length, (page, inPage, _, count, _) => segments.Add(new GuestSegment(page, inPage, count)), Span<byte>.Empty);
        _memory.ReadSegments(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(segments), destination);
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        RequireLive(nameof(Write));
        if (_readOnly) throw Violation(MisuseIds.WriteReadOnlyView, "Write through a view obtained with READ_ONLY");
        CheckBounds(offset, source.Length);
        var copy = source.ToArray();
        Walk(offset, copy.Length, (page, inPage, at, count, _) => _memory.Write(page, inPage, copy.AsSpan(at, count)), Span<byte>.Empty);
    }

    private delegate void Chunk(ulong page, int inPage, int at, int count, Span<byte> destination);

    /// <summary>Visits the view's bytes [offset, offset+count) page chunk by page chunk, ranges in order.</summary>
    private void Walk(long offset, int count, Chunk chunk, Span<byte> destination)
    {
        var done = 0;
        var rangeStart = 0L;
        foreach (var range in _ranges)
        {
            var rangeEnd = rangeStart + range.ByteCount;
            while (done < count && offset + done < rangeEnd)
            {
                var inRange = offset + done - rangeStart;
                var linear = range.ByteOffset + inRange;
                var page = range.PageNumbers[(int)(linear / WireConstants.PageSize)];
                var inPage = (int)(linear % WireConstants.PageSize);
                var n = (int)Math.Min(Math.Min(WireConstants.PageSize - inPage, rangeEnd - (offset + done)), count - done);
                chunk(page, inPage, done, n, destination);
                done += n;
            }
            rangeStart = rangeEnd;
            if (done == count) return;
        }
    }

    private void CheckBounds(long offset, int count)
    {
        if (offset < 0 || offset > _length || count > _length - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, +{count}) outside a view of {_length} bytes");
    }

    private void RequireLive(string member)
    {
        if (_dead) throw Violation(MisuseIds.DeadView, $"{member} on an external-data view whose packet was already answered");
    }

    private ContractViolationException Violation(string id, string detail)
    {
        _observer.MisuseDetected(id, detail);
        return new ContractViolationException(id, detail);
    }
}

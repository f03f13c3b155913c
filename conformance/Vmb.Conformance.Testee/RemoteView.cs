using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Testee;

/// <summary>An external-data view the testee handed out (§13.4): its ranges as declared, reads and writes as down-calls.</summary>
internal sealed class RemoteView(RemoteChannel channel, uint id, bool readOnly, IReadOnlyList<GpaRange> ranges, long length) : IExternalDataView
{
    public bool IsReadOnly => readOnly;

    public IReadOnlyList<GpaRange> Ranges => ranges;

    public long Length => length;

    public void Read(long offset, Span<byte> destination) => channel.ViewRead(id, offset, destination);

    public void Write(long offset, ReadOnlySpan<byte> source) => channel.ViewWrite(id, offset, source);

    /// <summary>The view fields of a GET_EXTERNAL reply.</summary>
    public static RemoteView Parse(RemoteChannel channel, BodyReader read)
    {
        var id = read.U32("view");
        var readOnly = read.U8("read_only");
        read.Skip(3, "reserved");
        var length = read.U64("length");
        var count = read.U32("range_count");
        if (readOnly > 1) throw new MalformedFrameException($"read_only {readOnly} is not 0 or 1");
        if (length > long.MaxValue) throw new MalformedFrameException($"view length {length} is out of range");
        var ranges = new List<GpaRange>();
        for (var i = 0u; i < count; i++)
        {
            var offset = read.U32("byte_offset");
            var bytes = read.U32("byte_count");
            var pages = read.U32("page_count");
            read.Skip(4, "reserved");
            if (pages > 1 << 20) throw new MalformedFrameException($"range {i} names {pages} pages");
            var numbers = new ulong[pages];
            for (var p = 0; p < numbers.Length; p++) numbers[p] = read.U64("page");
            ranges.Add(new GpaRange(bytes, offset, numbers));
        }
        return new RemoteView(channel, id, readOnly == 1, ranges, (long)length);
    }
}

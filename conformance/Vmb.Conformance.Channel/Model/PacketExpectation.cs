using Vmb.Conformance.Scenarios;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Model;

/// <summary>
/// What the contract says the client must see for one packet: the model side of R-PP-5…9 and R-EXT-2. The checks judge
/// with it; the driver uses it only to tell which packet a presentation most likely is.
/// </summary>
internal static class PacketExpectation
{
    /// <summary>Reads <paramref name="destination"/>'s length of bytes from <paramref name="offset"/> of guest page <paramref name="page"/>.</summary>
    public delegate void GuestRead(ulong page, int offset, Span<byte> destination);

    /// <summary>
    /// Buffer contents (D2): raw = payload padded with zeros to 8 bytes (R-PP-7); pipe = the data after the
    /// pipe header, exact length (R-PP-8).
    /// </summary>
    public static byte[] Buffer(WritePacketStep step, FramingProfile profile)
    {
        if (profile == FramingProfile.Pipe && step.Kind == PacketKind.InBand) return step.Payload;
        var padded = new byte[WireConstants.AlignUp(step.Payload.Length)];
        step.Payload.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>The Flags argument (D3): EXTERNAL_DATA for 0x9 always, for 0x7 when declared, never for 0x6.</summary>
    public static uint Flags(WritePacketStep step, ImplementationInfo info) => step.Kind switch
    {
        PacketKind.GpaDirect => KmclFlags.ProcessPacketExternalData,
        PacketKind.TransferPages when info.Has(ChannelCapabilities.TransferPagesAreExternalData) => KmclFlags.ProcessPacketExternalData,
        _ => 0,
    };

    /// <summary>Bytes an external-data view must show (R-EXT-16): the listed ranges in order, read from guest memory.</summary>
    /// <param name="step">The packet.</param>
    /// <param name="scenario">The scenario, for the packet's page set.</param>
    /// <param name="readGuest">Reads bytes of one guest page from an offset (never across the page's end).</param>
    public static byte[] ExternalBytes(WritePacketStep step, Scenario scenario, GuestRead readGuest)
    {
        var total = step.Ranges.Sum(r => (long)r.ByteCount);
        var bytes = new byte[total];
        var at = 0;
        var pages = step.Kind == PacketKind.GpaDirect ? null : scenario.PageSets.First(s => s.Id == step.PageSetId).Pages;
        foreach (var r in step.Ranges)
        {
            // A page's part of the range at a time: full-width packets carry hundreds of ranges over many pages.
            for (var done = 0L; done < r.ByteCount;)
            {
                var abs = r.ByteOffset + done;
                var offset = (int)(abs % WireConstants.PageSize);
                var length = (int)Math.Min(r.ByteCount - done, WireConstants.PageSize - offset);
                var page = (pages ?? r.Pages)[abs / WireConstants.PageSize];
                readGuest(page, offset, bytes.AsSpan(at, length));
                at += length;
                done += length;
            }
        }
        return bytes;
    }

    /// <summary>Guest pages the packet's external data lives on.</summary>
    public static IEnumerable<ulong> Pages(WritePacketStep step, Scenario scenario)
    {
        if (step.Kind == PacketKind.GpaDirect) return step.Ranges.SelectMany(r => r.Pages);
        if (step.Kind != PacketKind.TransferPages) return [];
        var set = scenario.PageSets.First(s => s.Id == step.PageSetId);
        return step.Ranges.SelectMany(r => Enumerable.Range((int)(r.ByteOffset / WireConstants.PageSize),
            GpaRange.PagesFor(r.ByteOffset % WireConstants.PageSize, r.ByteCount)).Select(i => set.Pages[i]));
    }
}

using Vmb.Spec.Wire;

namespace Vmb.Spec.Spi;

/// <summary>
/// The MDL GetExternalData hands out: the ranges the sender named, in order (R-EXT-16), over locked guest
/// pages (R-EXT-12). Dead once the packet is answered: any member used then raises a
/// <see cref="ContractViolationException"/> in a strict implementation (R-EXT-14, R-CMPL-7).
/// </summary>
public interface IExternalDataView
{
    /// <summary>True for a view obtained with READ_ONLY.</summary>
    bool IsReadOnly { get; }

    /// <summary>The described memory as GPA ranges: offset into the first page, byte count, page numbers.</summary>
    IReadOnlyList<GpaRange> Ranges { get; }

    /// <summary>Sum of the ranges' byte counts.</summary>
    long Length { get; }

    /// <summary>Copies bytes of the view, counted across ranges in order, into <paramref name="destination"/>.</summary>
    void Read(long offset, Span<byte> destination);

    /// <summary>Writes bytes through the view; refused on a read-only view.</summary>
    void Write(long offset, ReadOnlySpan<byte> source);
}

namespace Vmb.Conformance.Scenarios;

/// <summary>
/// One range of external data. For GPA direct: offset into the first page, byte count and the guest pages.
/// For transfer pages: offset and count within the page set, <see cref="Pages"/> empty.
/// </summary>
public sealed record ExternalRange
{
    /// <summary>Byte offset (into the first page, or into the page set).</summary>
    public uint ByteOffset { get; init; }

    /// <summary>Bytes in the range.</summary>
    public uint ByteCount { get; init; }

    /// <summary>Guest page numbers (GPA direct only).</summary>
    public ulong[] Pages { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Pages.Length == 0
        ? $"[{ByteOffset}, +{ByteCount})"
        : $"[{ByteOffset}, +{ByteCount}) on pages {string.Join(",", Pages.Select(p => $"0x{p:X}"))}";
}

/// <summary>A guest page the harness creates; its contents follow from its number (see <see cref="GuestPageContents"/>).</summary>
public sealed record GuestPageSpec
{
    /// <summary>Page number.</summary>
    public ulong Page { get; init; }

    /// <summary>False: the page starts non-resident, so GetExternalData answers PENDING until a make-resident step (D18).</summary>
    public bool Resident { get; init; } = true;
}

/// <summary>A transfer page set registered before Enable (D18).</summary>
public sealed record TransferPageSetSpec
{
    /// <summary>The set's id, named by type-0x7 packets.</summary>
    public ushort Id { get; init; }

    /// <summary>Its guest pages, in order.</summary>
    public ulong[] Pages { get; init; } = [];
}

/// <summary>Deterministic page contents, so scenario files need not carry page bytes.</summary>
public static class GuestPageContents
{
    /// <summary>Byte <paramref name="offset"/> of page <paramref name="page"/>.</summary>
    public static byte At(ulong page, int offset) => (byte)((page * 131) + (ulong)offset * 7 + 0x5A);

    /// <summary>Writes the first <c>destination.Length</c> bytes of page <paramref name="page"/>.</summary>
    public static void Fill(ulong page, Span<byte> destination)
    {
        // Byte i and byte i + 256 are equal (7 × 256 is a multiple of 256): compute one period, copy the rest.
        const int period = 256;
        var first = Math.Min(period, destination.Length);
        for (var i = 0; i < first; i++) destination[i] = At(page, i);
        for (var at = period; at < destination.Length; at += period)
            destination[..first][..Math.Min(period, destination.Length - at)].CopyTo(destination[at..]);
    }
}

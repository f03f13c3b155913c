namespace Vmb.Spec.Memory;

/// <summary>
/// Guest physical memory as the harness owns it (D18): 4096-byte pages by page number, each resident or
/// not. External data (GPA-direct ranges, transfer-page sets) lives here, outside the rings.
/// </summary>
public interface IGuestMemory
{
    /// <summary>True when page <paramref name="pageNumber"/> exists in the guest.</summary>
    bool Exists(ulong pageNumber);

    /// <summary>True when the page exists and is resident now (GetExternalData succeeds only then, R-EXT-9).</summary>
    bool IsResident(ulong pageNumber);

    /// <summary>
    /// Asks to be told once when the page becomes resident. The callback runs on the harness's context; an
    /// implementation queues its own work from it. Fires at once (synchronously) if the page is resident.
    /// </summary>
    void WhenResident(ulong pageNumber, Action callback);

    /// <summary>Copies bytes out of a resident page; throws <see cref="InvalidOperationException"/> for a missing or non-resident page.</summary>
    void Read(ulong pageNumber, int offset, Span<byte> destination);

    /// <summary>Copies bytes into a resident page; same errors as <see cref="Read"/>.</summary>
    void Write(ulong pageNumber, int offset, ReadOnlySpan<byte> source);

    /// <summary>
    /// <see cref="Exists"/> and <see cref="IsResident"/> of every page of <paramref name="pages"/> as one question. The
    /// answers are those of asking page by page; a memory across a process boundary answers them in one exchange
    /// instead of two per page (spec/testee-protocol.md §14.7).
    /// </summary>
    void QueryPages(ReadOnlySpan<ulong> pages, Span<GuestPageState> states)
    {
        if (states.Length < pages.Length) throw new ArgumentException("fewer states than pages", nameof(states));
        for (var i = 0; i < pages.Length; i++)
            states[i] = !Exists(pages[i]) ? GuestPageState.Missing : IsResident(pages[i]) ? GuestPageState.Resident : GuestPageState.NotResident;
    }

    /// <summary>
    /// <see cref="Read"/> of each segment in order, into consecutive bytes of <paramref name="destination"/>; stops with
    /// the same exception at the first segment whose page is missing or not resident. One exchange across a process
    /// boundary instead of one per page.
    /// </summary>
    void ReadSegments(ReadOnlySpan<GuestSegment> segments, Span<byte> destination)
    {
        var at = 0;
        foreach (var segment in segments)
        {
            Read(segment.Page, segment.Offset, destination.Slice(at, segment.Count));
            at += segment.Count;
        }
    }
}

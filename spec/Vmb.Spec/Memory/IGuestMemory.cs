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
}

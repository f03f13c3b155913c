using Vmb.Spec.Wire;

namespace Vmb.Spec.Memory;

/// <summary>The harness's guest memory: sparse pages with residency that a scenario toggles (D18). Thread-safe.</summary>
public sealed class GuestMemory : IGuestMemory
{
    // A page added without contents is null here until first read or written: most pages a scenario adds are never touched.
    private readonly Dictionary<ulong, byte[]?> _pages = new();
    private readonly HashSet<ulong> _nonResident = new();
    private readonly Dictionary<ulong, List<Action>> _waiters = new();
    private readonly Lock _gate = new();
    private readonly Action<ulong, Span<byte>>? _initialContents;

    /// <summary>Guest memory whose pages are added with their contents.</summary>
    public GuestMemory()
    {
    }

    /// <summary>
    /// Guest memory that can also add pages without contents (<see cref="AddPage(ulong)"/>): such a page holds what
    /// <paramref name="initialContents"/> writes into it, made when the page is first read or written.
    /// </summary>
    public GuestMemory(Action<ulong, Span<byte>> initialContents) => _initialContents = initialContents;

    /// <summary>Adds (or replaces) a resident page holding the initial contents this memory was made with.</summary>
    public void AddPage(ulong pageNumber)
    {
        if (_initialContents is null) throw new InvalidOperationException("this guest memory was made without initial page contents");
        lock (_gate) _pages[pageNumber] = null;
    }

    /// <summary>Adds (or replaces) a resident page holding <paramref name="contents"/> (zero-filled to 4096).</summary>
    public void AddPage(ulong pageNumber, ReadOnlySpan<byte> contents)
    {
        if (contents.Length > WireConstants.PageSize) throw new ArgumentException("more than one page of contents", nameof(contents));
        var page = new byte[WireConstants.PageSize];
        contents.CopyTo(page);
        lock (_gate) _pages[pageNumber] = page;
    }

    /// <summary>Makes a page non-resident: GetExternalData on it must answer PENDING.</summary>
    public void Evict(ulong pageNumber)
    {
        lock (_gate)
        {
            RequirePage(pageNumber);
            _nonResident.Add(pageNumber);
        }
    }

    /// <summary>Makes a page resident again and runs the callbacks waiting for it, outside the lock.</summary>
    public void MakeResident(ulong pageNumber)
    {
        List<Action>? waiting;
        lock (_gate)
        {
            RequirePage(pageNumber);
            _nonResident.Remove(pageNumber);
            _waiters.Remove(pageNumber, out waiting);
        }
        if (waiting is null) return;
        foreach (var callback in waiting) callback();
    }

    /// <summary>Pages currently non-resident.</summary>
    public IReadOnlyCollection<ulong> NonResidentPages { get { lock (_gate) return _nonResident.ToArray(); } }

    /// <inheritdoc />
    public bool Exists(ulong pageNumber) { lock (_gate) return _pages.ContainsKey(pageNumber); }

    /// <inheritdoc />
    public bool IsResident(ulong pageNumber) { lock (_gate) return _pages.ContainsKey(pageNumber) && !_nonResident.Contains(pageNumber); }

    /// <inheritdoc />
    public void WhenResident(ulong pageNumber, Action callback)
    {
        lock (_gate)
        {
            RequirePage(pageNumber);
            if (_nonResident.Contains(pageNumber))
            {
                if (!_waiters.TryGetValue(pageNumber, out var list)) _waiters[pageNumber] = list = new List<Action>();
                list.Add(callback);
                return;
            }
        }
        callback();
    }

    /// <inheritdoc />
    public void Read(ulong pageNumber, int offset, Span<byte> destination)
    {
        lock (_gate) ResidentPage(pageNumber, offset, destination.Length).CopyTo(destination);
    }

    /// <inheritdoc />
    public void Write(ulong pageNumber, int offset, ReadOnlySpan<byte> source)
    {
        lock (_gate) source.CopyTo(ResidentPage(pageNumber, offset, source.Length));
    }

    private Span<byte> ResidentPage(ulong pageNumber, int offset, int length)
    {
        RequirePage(pageNumber);
        if (_nonResident.Contains(pageNumber)) throw new InvalidOperationException($"guest page 0x{pageNumber:X} is not resident");
        if ((uint)offset > WireConstants.PageSize || (uint)length > (uint)(WireConstants.PageSize - offset))
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, +{length}) outside guest page 0x{pageNumber:X}");
        return Contents(pageNumber).AsSpan(offset, length);
    }

    private void RequirePage(ulong pageNumber)
    {
        if (!_pages.ContainsKey(pageNumber)) throw Missing(pageNumber);
    }

    private byte[] Contents(ulong pageNumber)
    {
        if (_pages[pageNumber] is { } page) return page;
        page = new byte[WireConstants.PageSize];
        _initialContents!(pageNumber, page);
        return _pages[pageNumber] = page;
    }

    private static InvalidOperationException Missing(ulong pageNumber) => new($"guest page 0x{pageNumber:X} does not exist");
}

using System.IO.MemoryMappedFiles;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Testee;

/// <summary>
/// One scenario's ring memory: a file the harness creates (under /dev/shm on Linux, D33), sizes, and maps shared; the
/// testee maps the same file. The name is removed as soon as the testee confirms its mapping (D28), and in any case
/// when this is disposed, so no file outlives the scenario. Every live file is known to <see cref="TesteeCleanup"/>.
/// </summary>
internal sealed unsafe class SharedRingFile : IDisposable
{
    private static long s_counter;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _pointer;
    private int _unlinked;
    private int _references = 1;

    public SharedRingFile(string directory, int regionSize)
    {
        Path = System.IO.Path.Combine(directory,
            $"vmb-testee-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}-{Random.Shared.Next():x8}");
        TesteeCleanup.Track(Path);
        try
        {
            var stream = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.SetLength(regionSize);
            _file = MemoryMappedFile.CreateFromFile(stream, null, regionSize, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            _view = _file.CreateViewAccessor(0, regionSize, MemoryMappedFileAccess.ReadWrite);
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
            Region = new MemoryRegion((nint)(_pointer + _view.PointerOffset), regionSize);
        }
        catch
        {
            Unlink();
            throw;
        }
    }

    /// <summary>The file's path, as the MAP message carries it.</summary>
    public string Path { get; }

    /// <summary>The mapping in the harness.</summary>
    public MemoryRegion Region { get; }

    /// <summary>Removes the file's name; the mappings stay valid until both sides unmap.</summary>
    public void Unlink()
    {
        if (Interlocked.Exchange(ref _unlinked, 1) == 1) return;
        try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        TesteeCleanup.Untrack(Path);
    }

    /// <summary>
    /// One more owner: the mapping stays until every owner disposed it (a scenario still using the mailbox's scenario
    /// area when its child is lost, §20.4).
    /// </summary>
    public SharedRingFile Share()
    {
        Interlocked.Increment(ref _references);
        return this;
    }

    /// <summary>Drops one owner's hold (each owner once); the last one removes the name and unmaps.</summary>
    public void Dispose()
    {
        Unlink();
        if (Interlocked.Decrement(ref _references) > 0) return;
        if (_pointer != null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _pointer = null;
        }
        _view?.Dispose();
        _file?.Dispose();
    }
}

using System.IO.MemoryMappedFiles;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Testee;

/// <summary>The testee side's mapping of a scenario's shared file (MAP, MAP_CHANNEL): regions of it, and unmapping.</summary>
internal sealed unsafe class MappedTesteeFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _pointer;

    /// <summary>Maps <paramref name="size"/> bytes of the existing file at <paramref name="path"/>, shared and read-write.</summary>
    public MappedTesteeFile(string path, ulong size)
    {
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, (long)size, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, (long)size, MemoryMappedFileAccess.ReadWrite);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
    }

    /// <summary>The <paramref name="size"/> bytes at <paramref name="offset"/> of the file.</summary>
    public MemoryRegion Region(ulong offset, ulong size) => new((nint)(_pointer + _view.PointerOffset + (long)offset), checked((int)size));

    public void Dispose()
    {
        if (_pointer != null) _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _pointer = null;
        _view.Dispose();
        _file.Dispose();
    }
}

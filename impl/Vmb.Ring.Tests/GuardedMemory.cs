using System.Runtime.InteropServices;
using Vmb.Spec.Memory;

namespace Vmb.Ring.Tests;

/// <summary>
/// Memory for one ring with a no-access page on each side (INV-BOUNDS): on Linux any read or write outside the
/// region faults and takes the test run down loudly. Elsewhere the guard pages are filled with a pattern that
/// <see cref="Dispose"/> checks, which catches stray writes only.
/// </summary>
internal sealed unsafe partial class GuardedMemory : IDisposable
{
    private const int Guard = 4096;
    private const byte Pattern = 0xC5;
    private const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20;

    private readonly nint _base;
    private readonly nuint _total;
    private readonly NativeBuffer? _fallback;
    private bool _disposed;

    public GuardedMemory(int length)
    {
        var pages = (length + Guard - 1) / Guard * Guard;
        _total = (nuint)(pages + 2 * Guard);
        if (OperatingSystem.IsLinux())
        {
            _base = Mmap(0, _total, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (_base == -1) throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
            // The region ends exactly at the upper guard page, so one byte past it faults.
            var start = _base + Guard + (pages - length);
            Protect(_base, Guard);
            Protect(_base + Guard + pages, Guard);
            Region = new MemoryRegion(start, length);
        }
        else
        {
            _fallback = new NativeBuffer((int)_total);
            _fallback.Span.Fill(Pattern);
            var start = _fallback.Region.Address + Guard + (pages - length);
            Region = new MemoryRegion(start, length);
            Region.Span.Clear();
        }
    }

    public MemoryRegion Region { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_fallback is null)
        {
            _ = Munmap(_base, _total);
            return;
        }
        var all = _fallback.Span;
        var before = (int)(Region.Address - _fallback.Region.Address);
        var after = before + Region.Length;
        var stray = all[..before].IndexOfAnyExcept(Pattern) >= 0 || all[after..].IndexOfAnyExcept(Pattern) >= 0;
        _fallback.Dispose();
        if (stray) throw new InvalidOperationException("INV-BOUNDS: bytes outside the ring region were written");
    }

    private static void Protect(nint address, int length)
    {
        if (Mprotect(address, (nuint)length, ProtNone) != 0)
            throw new InvalidOperationException($"mprotect failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);
}

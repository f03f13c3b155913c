using Vmb.Spec.Memory;

namespace Vmb.Conformance.Testee;

/// <summary>
/// One scenario's shared memory on the harness's side: with the mailbox (§20.4), a stretch of its scenario area, which
/// the testee maps already, zeroed first so it holds what a fresh file would; otherwise a file of its own (§4.4).
/// MAP and MAP_CHANNEL name it by <see cref="Path"/> (empty for the scenario area) and by offsets from <see cref="Offset"/>.
/// </summary>
internal sealed class ScenarioMemory : IDisposable
{
    private readonly SharedRingFile? _file;
    private SharedRingFile? _held;

    private ScenarioMemory(SharedRingFile? file, SharedRingFile held, MemoryRegion region, uint offset, ulong fileSize)
    {
        _file = file;
        _held = held;
        Region = region;
        Offset = offset;
        FileSize = fileSize;
    }

    /// <summary><paramref name="size"/> bytes for the next scenario of <paramref name="child"/>.</summary>
    public static ScenarioMemory For(TesteeProcess child, string directory, int size)
    {
        if (child.Scenarios is { } scenarios && (uint)size <= scenarios.Geometry.ScenarioSize)
        {
            // Held, not only borrowed: a child lost mid-scenario unmaps nothing the scenario still reads or a probe's thread still writes.
            var held = scenarios.File.Share();
            var region = held.Region.Slice((int)scenarios.Geometry.ScenarioOffset, size);
            region.Span.Clear();
            return new ScenarioMemory(null, held, region, scenarios.Geometry.ScenarioOffset, scenarios.Geometry.FileSize);
        }
        var file = new SharedRingFile(directory, size);
        return new ScenarioMemory(file, file, file.Region, 0, (ulong)size);
    }

    /// <summary>The scenario's memory in the harness.</summary>
    public MemoryRegion Region { get; }

    /// <summary>Where <see cref="Region"/> starts in the file the testee maps.</summary>
    public uint Offset { get; }

    /// <summary>The size of the file the testee maps.</summary>
    public ulong FileSize { get; }

    /// <summary>The file to map, or empty: the mailbox's scenario area.</summary>
    public string Path => _file?.Path ?? "";

    /// <summary>Removes a file's name once the testee mapped it (nothing to remove for the scenario area).</summary>
    public void Unlink() => _file?.Unlink();

    public void Dispose() => Interlocked.Exchange(ref _held, null)?.Dispose();
}

using Vmb.Spec.Wire;

namespace Vmb.Spec.Memory;

/// <summary>Splits one ring's region into its control page and data area (R-RING-1, R-RING-3).</summary>
public static class RingLayout
{
    /// <summary>Bytes a ring with a data area of <paramref name="dataSize"/> bytes needs.</summary>
    public static int RegionSize(int dataSize) => WireConstants.ControlPageSize + dataSize;

    /// <summary>Checks R-RING-3 for a data area size; returns null when valid, else why not.</summary>
    public static string? CheckDataSize(long dataSize) =>
        dataSize < WireConstants.PageSize ? $"data area of {dataSize} bytes is below 4096"
        : dataSize % WireConstants.PageSize != 0 ? $"data area of {dataSize} bytes is not a multiple of 4096"
        : dataSize >= (1L << 32) ? $"data area of {dataSize} bytes is not below 2^32"
        : null;

    /// <summary>The control page of a ring region.</summary>
    public static MemoryRegion ControlPage(MemoryRegion ring) => ring.Slice(0, WireConstants.ControlPageSize);

    /// <summary>The data area of a ring region.</summary>
    public static MemoryRegion DataArea(MemoryRegion ring) =>
        ring.Slice(WireConstants.ControlPageSize, ring.Length - WireConstants.ControlPageSize);
}

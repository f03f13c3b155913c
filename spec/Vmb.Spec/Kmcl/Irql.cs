namespace Vmb.Spec.Kmcl;

/// <summary>The interrupt request levels the contract talks about (R-PP-11, R-PAS-1, R-LIFE-19).</summary>
public enum Irql : byte
{
    /// <summary>PASSIVE_LEVEL: may block and touch pageable memory.</summary>
    Passive = 0,

    /// <summary>APC_LEVEL.</summary>
    Apc = 1,

    /// <summary>DISPATCH_LEVEL: the ceiling for packet callbacks.</summary>
    Dispatch = 2,

    /// <summary>Above DISPATCH_LEVEL (device interrupt); never legal for a callback.</summary>
    Device = 3,
}

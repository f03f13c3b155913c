using System.Runtime.InteropServices;

/// <summary>Raising a signal on this process, as a C testee that dereferences a bad pointer would be ended.</summary>
internal static partial class Signals
{
    /// <summary>SIGSEGV on Linux.</summary>
    public const int SegmentationFault = 11;

    /// <summary>Restores the default action and raises <paramref name="signal"/>, so the process ends by it.</summary>
    public static void Raise(int signal)
    {
        // The runtime handles SIGSEGV itself; the default action makes the process die by the signal, as C code would.
        _ = SetAction(signal, IntPtr.Zero);
        _ = RaiseSignal(signal);
    }

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr SetAction(int signal, IntPtr handler);

    [LibraryImport("libc", EntryPoint = "raise")]
    private static partial int RaiseSignal(int signal);
}

namespace Vmb.Kmcl;

/// <summary>
/// The calling thread's managed id, cached per thread: the per-packet path reads it several times, and a
/// thread-static load is far cheaper than Environment.CurrentManagedThreadId, a call into the runtime.
/// </summary>
internal static class ThreadIdentity
{
    [ThreadStatic] private static int t_id; // ids start at 1, so 0 means not read yet on this thread

    public static int Current => t_id != 0 ? t_id : t_id = Environment.CurrentManagedThreadId;
}

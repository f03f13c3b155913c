using System.Runtime.InteropServices;

namespace Vmb.Conformance.Testee;

/// <summary>
/// Every testee child and shared file this process has alive, so an interrupted run (Ctrl+C, SIGTERM, SIGHUP, or the
/// process exiting any other orderly way) kills and reaps the children and removes the files before it ends.
/// </summary>
internal static class TesteeCleanup
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<TesteeProcess> Children = [];
    private static readonly HashSet<string> Files = [];
    private static List<PosixSignalRegistration>? s_registrations;

    public static void Track(TesteeProcess child) { lock (Gate) { Install(); Children.Add(child); } }
    public static void Untrack(TesteeProcess child) { lock (Gate) Children.Remove(child); }
    public static void Track(string file) { lock (Gate) { Install(); Files.Add(file); } }
    public static void Untrack(string file) { lock (Gate) Files.Remove(file); }

    /// <summary>Kills every tracked child and removes every tracked file.</summary>
    public static void CleanAll()
    {
        List<TesteeProcess> children;
        List<string> files;
        lock (Gate)
        {
            children = [.. Children];
            files = [.. Files];
            Children.Clear();
            Files.Clear();
        }
        foreach (var file in files)
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        foreach (var child in children) child.Kill();
    }

    private static void Install()
    {
        if (s_registrations is not null) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanAll();
        s_registrations = [];
        if (OperatingSystem.IsWindows()) return;
        // The handlers clean up and let the signal's default action (ending the process) go on.
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            s_registrations.Add(PosixSignalRegistration.Create(signal, _ => CleanAll()));
    }
}

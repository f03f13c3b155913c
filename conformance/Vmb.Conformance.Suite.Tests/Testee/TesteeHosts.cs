using System.Runtime.InteropServices;
using Vmb.Conformance.Testee;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>Commands that start the .NET testee host next to the tests, and what is left of a run afterwards.</summary>
internal static class TesteeHosts
{
    /// <summary>The dotnet executable running the tests (so the host starts with the same runtime).</summary>
    public static string Dotnet { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>The host's assembly, copied next to the tests by the project reference.</summary>
    public static string HostDll { get; } = Path.Combine(AppContext.BaseDirectory, "vmb-testee-host.dll");

    /// <summary>The command line of the host with <paramref name="switches"/>.</summary>
    public static string Command(string switches = "") => $"\"{Dotnet}\" \"{HostDll}\" {switches}".TrimEnd();

    /// <summary>A testee of the C tree (impl/c), built by build/test.sh before the .NET tests run.</summary>
    public static string CTestee(string name)
    {
        var path = RepositoryFiles.Path($"impl/c/build/{name}");
        Assert.True(File.Exists(path), $"{path} is missing: build impl/c first (bash build/test.sh does)");
        return path;
    }

    /// <summary>Short limits for tests: a step that takes 1.5 s is a hang.</summary>
    public static TesteeOptions Short { get; } = new() { StepLimit = TimeSpan.FromSeconds(1.5), StartLimit = TimeSpan.FromSeconds(30) };

    /// <summary>A fresh folder for one test's shared ring files (tests run side by side), under /dev/shm when it exists.</summary>
    public static string PrivateShm()
    {
        var dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"vmb-test-{Guid.NewGuid():n}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Shared ring files a process (by id) created in the default folder and still present.</summary>
    public static string[] LeftoverFiles(int pid) =>
        Directory.Exists("/dev/shm") ? Directory.GetFiles("/dev/shm", $"vmb-testee-{pid}-*") : [];

    /// <summary>True while a process with this id exists and is not a zombie.</summary>
    public static bool Alive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    public static extern int Kill(int pid, int signal);
}

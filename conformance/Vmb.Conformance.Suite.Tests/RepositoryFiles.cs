namespace Vmb.Conformance.Suite.Tests;

/// <summary>
/// Finds files of the source tree (approved snapshots, the generated xunit file, the fixture tables) from a test's output
/// folder. Compiled into each test project that reads the tree.
/// </summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "VmbConformance.sln"))) return dir.FullName;
            throw new InvalidOperationException($"no VmbConformance.sln above {AppContext.BaseDirectory}: run the tests from a build inside the repository");
        }
    }

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
}

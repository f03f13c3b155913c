using System.Text;
using Vmb.Conformance.Reports.Html;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Reports;

/// <summary>A report could not be written; the message names the path and what went wrong.</summary>
public sealed class ReportWriteException(string path, string problem, Exception? inner = null)
    : IOException($"cannot write report '{path}': {problem}", inner)
{
    /// <summary>The path that could not be written.</summary>
    public string Path { get; } = path;
}

/// <summary>Writes the reports into a folder, each atomically: a crash leaves the old file or the new one, never half of one.</summary>
public static class ReportFiles
{
    /// <summary>The files written, in order.</summary>
    public sealed record Written(string MarkdownPath, string JsonPath, string JunitPath, string HtmlPath, string BadgePath)
    {
        /// <summary>Every file written, in order.</summary>
        public IEnumerable<string> All => [MarkdownPath, JsonPath, JunitPath, HtmlPath, BadgePath];
    }

    /// <summary>The file-name stem of the channel suite's reports.</summary>
    public const string DefaultStem = "conformance-report";

    /// <summary>The file-name stem of the ring-level suite's reports.</summary>
    public const string RingStem = "ring-conformance-report";

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and writes <paramref name="stem"/>.md, .json, .junit.xml, .html (the
    /// dashboard of this one run) and .svg (the badge); by default conformance-report.md and so on.
    /// </summary>
    /// <exception cref="ReportWriteException">The folder or a file cannot be written.</exception>
    public static Written Write(string directory, SuiteResult result, RequirementCatalog catalog, string stem = DefaultStem)
    {
        var full = OutputFolder(directory, stem);
        var files = Render(result, catalog, stem);
        foreach (var (name, text) in files) WriteAtomically(Path.Combine(full, name), text);
        var paths = files.Select(f => Path.Combine(full, f.Name)).ToList();
        return new Written(paths[0], paths[1], paths[2], paths[3], paths[4]);
    }

    /// <summary>
    /// Every format of <paramref name="result"/> as (file name, text), rendered before any is written, so a rendering
    /// fault never leaves one report new and another old.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> Render(SuiteResult result, RequirementCatalog catalog, string stem) =>
    [
        (stem + ".md", MarkdownReport.Render(result, catalog)),
        (stem + ".json", JsonReport.Render(result, catalog)),
        (stem + ".junit.xml", JunitReport.Render(result, catalog)),
        (stem + ".html", HtmlDashboard.Render([new DashboardEntry(result, stem)], catalog, $"Conformance: {result.Implementation.Name} {result.Implementation.Version}")),
        (stem + ".svg", Badge.Render(result, catalog)),
    ];

    /// <summary>Checks <paramref name="stem"/> is a plain file name and creates <paramref name="directory"/>; returns its full path.</summary>
    /// <exception cref="ReportWriteException">The name is not plain, or the folder cannot be created.</exception>
    public static string OutputFolder(string directory, string stem)
    {
        if (string.IsNullOrWhiteSpace(stem) || stem.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || stem.Contains('/') || stem.Contains('\\'))
            throw new ReportWriteException(stem ?? "", "the report name is not a plain file name");
        if (string.IsNullOrWhiteSpace(directory)) throw new ReportWriteException(directory ?? "", "no output folder given");
        var full = FullPath(directory);
        if (File.Exists(full)) throw new ReportWriteException(full, "it is a file, not a folder");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ReportWriteException(full, $"the folder cannot be created ({e.Message})", e);
        }
        return full;
    }

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    /// <exception cref="ReportWriteException">The file cannot be written.</exception>
    public static void WriteAtomically(string path, string text)
    {
        var full = FullPath(path);
        if (Directory.Exists(full)) throw new ReportWriteException(full, "a folder of that name exists");
        var folder = System.IO.Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) throw new ReportWriteException(full, $"the folder '{folder}' does not exist");
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new ReportWriteException(full, e.Message, e);
        }
    }

    private static string FullPath(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ReportWriteException(path, $"not a usable path ({e.Message})", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is hidden and never mistaken for a report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

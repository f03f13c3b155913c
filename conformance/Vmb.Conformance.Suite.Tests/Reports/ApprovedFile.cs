using Vmb.Conformance.Reports;

namespace Vmb.Conformance.Suite.Tests.Reports;

/// <summary>
/// An approved copy of a produced file, compared as plain text: a missing or changed copy is a failure (a snapshot
/// library that creates a missing snapshot and passes would let a deleted approval go unnoticed).
/// </summary>
internal static class ApprovedFile
{
    /// <summary>
    /// Null when <paramref name="actual"/> equals the approved copy; otherwise what differs, with the current text left
    /// beside it as *.received.* for diffing. With <paramref name="approve"/> the copy is rewritten instead.
    /// </summary>
    public static string? Check(string approved, string actual, bool approve)
    {
        var name = Path.GetFileName(approved);
        var received = Path.Combine(Path.GetDirectoryName(approved)!, Path.GetFileNameWithoutExtension(name) + ".received" + Path.GetExtension(name));
        if (approve)
        {
            ReportFiles.WriteAtomically(approved, actual);
            if (File.Exists(received)) File.Delete(received);
            return null;
        }
        var expected = File.Exists(approved) ? File.ReadAllText(approved).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return null;
        }
        ReportFiles.WriteAtomically(received, actual);
        return expected is null
            ? $"{name} is missing; the current text is in {Path.GetFileName(received)}: review it, then approve with VMB_APPROVE_REPORTS=1"
            : $"{name} differs from the current text (first difference at line {FirstDifference(expected, actual)}); " +
              $"diff it against {Path.GetFileName(received)} and approve a deliberate change with VMB_APPROVE_REPORTS=1";
    }

    private static int FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return i + 1;
        return Math.Min(a.Length, b.Length) + 1;
    }
}

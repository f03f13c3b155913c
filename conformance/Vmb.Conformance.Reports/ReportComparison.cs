using Vmb.Spec.Verdicts;
using System.Text.Json;

namespace Vmb.Conformance.Reports;

/// <summary>One requirement's verdict in two JSON reports, and what the change means.</summary>
/// <param name="RequirementId">The catalog ID.</param>
/// <param name="Level">The requirement level as the candidate report states it (the baseline's when it is gone).</param>
/// <param name="Before">The baseline's verdict, or null when the baseline does not list the requirement.</param>
/// <param name="After">The candidate's verdict, or null when the candidate does not list it.</param>
public sealed record VerdictChange(string RequirementId, string Level, string? Before, string? After)
{
    /// <summary>A rule that held (or was not judged) now does not: a failure, flaky, timeout, crash or harness error.</summary>
    public bool IsRegression => IsProblem(After) && !IsProblem(Before);

    /// <summary>A rule that did not hold now holds.</summary>
    public bool IsImprovement => IsProblem(Before) && After == "pass";

    // Reports spell verdicts; the meaning is the canonical verdict's.
    internal static bool IsProblem(string? verdict) => VerdictNames.Order.Any(v => v.IsProblem() && v.Format() == verdict);
}

/// <summary>What a JSON report says about itself and its requirements: enough to compare two runs.</summary>
public sealed record ReportVerdicts(string Implementation, string Level, string Verdict, ulong Seed, IReadOnlyDictionary<string, (string Level, string Verdict)> Requirements)
{
    /// <summary>Reads a report written by <see cref="JsonReport"/>.</summary>
    /// <exception cref="FormatException">The text is not such a report; the message says what is missing.</exception>
    public static ReportVerdicts Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var implementation = root.GetProperty("implementation");
            var requirements = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var r in root.GetProperty("requirements").EnumerateArray())
                requirements[r.GetProperty("id").GetString()!] = (r.GetProperty("level").GetString()!, r.GetProperty("verdict").GetString()!);
            return new ReportVerdicts($"{implementation.GetProperty("name").GetString()} {implementation.GetProperty("version").GetString()}",
                root.GetProperty("level").GetString()!, root.GetProperty("verdict").GetString()!, root.GetProperty("seed").GetUInt64(), requirements);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"not a vmb-conformance JSON report ({e.Message})", e);
        }
    }

    /// <summary>Every requirement whose verdict differs from <paramref name="baseline"/>'s, regressions first, then by ID.</summary>
    public IReadOnlyList<VerdictChange> ChangesSince(ReportVerdicts baseline)
    {
        var ids = baseline.Requirements.Keys.Union(Requirements.Keys, StringComparer.Ordinal);
        return ids
            .Select(id => new VerdictChange(id,
                Requirements.TryGetValue(id, out var now) ? now.Level : baseline.Requirements[id].Level,
                baseline.Requirements.TryGetValue(id, out var was) ? was.Verdict : null,
                Requirements.TryGetValue(id, out var after) ? after.Verdict : null))
            .Where(c => c.Before != c.After)
            .OrderBy(c => c.IsRegression ? 0 : c.IsImprovement ? 1 : 2)
            .ThenBy(c => c.RequirementId, StringComparer.Ordinal)
            .ToList();
    }
}

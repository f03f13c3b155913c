namespace Vmb.Spec.Catalog;

/// <summary>
/// The engine levels that judge rules, as the catalog's <c>check</c> object names them. One place, so the loader,
/// the schema test and the engine agree, and a new level is one more constant here.
/// </summary>
public static class CheckLevels
{
    /// <summary>The channel level: checks over traces of the KMCL channel (engine <c>CheckRegistry</c>).</summary>
    public const string Channel = "channel";

    /// <summary>The ring level: checks over a bare ring reader or writer (engine <c>RingCheckRegistry</c>).</summary>
    public const string Ring = "ring";

    /// <summary>Every known level, in the order the catalog writes them.</summary>
    public static IReadOnlyList<string> All { get; } = [Channel, Ring];

    /// <summary>True when <paramref name="level"/> is a known level (case-sensitive, like every catalog spelling).</summary>
    public static bool IsKnown(string level) => All.Contains(level, StringComparer.Ordinal);

    /// <summary>"channel, ring" for messages.</summary>
    public static string ExpectedList => string.Join(", ", All);
}

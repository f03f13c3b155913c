namespace Vmb.Spec.Catalog;

/// <summary>
/// The catalog file is malformed. The message names the file, the entry (its id, and its index so a missing id
/// still points somewhere) and the field, e.g.
/// <c>requirements.json: entry R-PP-5 (#4): field "level": unknown level "MUSTT"; expected one of MUST, …</c>.
/// </summary>
public sealed class CatalogFormatException : Exception
{
    /// <summary>Creates the exception; <see cref="Exception.Message"/> is composed from the parts.</summary>
    public CatalogFormatException(string sourceName, string? entry, string? field, string problem, Exception? inner = null)
        : base(Compose(sourceName, entry, field, problem), inner)
    {
        SourceName = sourceName;
        Entry = entry;
        Field = field;
        Problem = problem;
    }

    /// <summary>Name of the catalog source, e.g. requirements.json.</summary>
    public string SourceName { get; }

    /// <summary>The entry, e.g. "entry R-PP-5 (#4)" or "property P-3 (#2)"; null for top-level problems.</summary>
    public string? Entry { get; }

    /// <summary>The JSON field, e.g. "level"; null when the problem is not about one field.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string sourceName, string? entry, string? field, string problem)
    {
        var where = sourceName;
        if (entry is not null) where += ": " + entry;
        if (field is not null) where += $": field \"{field}\"";
        return where + ": " + problem;
    }
}

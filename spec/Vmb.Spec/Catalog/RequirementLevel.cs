namespace Vmb.Spec.Catalog;

/// <summary>How binding a requirement is (D11). "MUST (model)" is <see cref="Must"/> with <see cref="Requirement.Model"/> set.</summary>
public enum RequirementLevel
{
    /// <summary>MUST: a failure makes the implementation non-conformant (D14).</summary>
    Must,

    /// <summary>MUST NOT: as <see cref="Must"/>, stated as a prohibition.</summary>
    MustNot,

    /// <summary>SHOULD: a failure is a listed warning.</summary>
    Should,

    /// <summary>SHOULD NOT: as <see cref="Should"/>, stated as a prohibition.</summary>
    ShouldNot,

    /// <summary>MAY: describes an optional capability or a permission.</summary>
    May,

    /// <summary>INFO: the sources are silent ([UNK], level "—"); behaviour is recorded, never judged (D13).</summary>
    Info,
}

/// <summary>The catalog spellings of <see cref="RequirementLevel"/> and what each level means for conformance.</summary>
public static class RequirementLevels
{
    private static readonly NameTable<RequirementLevel> Table = new(
        ("MUST", RequirementLevel.Must),
        ("MUST NOT", RequirementLevel.MustNot),
        ("SHOULD", RequirementLevel.Should),
        ("SHOULD NOT", RequirementLevel.ShouldNot),
        ("MAY", RequirementLevel.May),
        ("INFO", RequirementLevel.Info));

    /// <summary>The six spellings, strongest first.</summary>
    public static IEnumerable<string> Names => Table.Names;

    /// <summary>Parses an exact catalog spelling such as "MUST NOT".</summary>
    public static bool TryParse(string text, out RequirementLevel level) => Table.TryParse(text, out level);

    /// <summary>Parses an exact catalog spelling, or throws <see cref="FormatException"/> listing the valid ones.</summary>
    public static RequirementLevel Parse(string text) =>
        TryParse(text, out var level) ? level : throw new FormatException($"unknown level \"{text}\"; expected one of {Table.ExpectedList}");

    /// <summary>The catalog spelling, e.g. "SHOULD NOT".</summary>
    public static string Format(this RequirementLevel level) => Table.Format(level);

    /// <summary>
    /// True for the levels whose failures decide conformance (D14): MUST and MUST NOT, model rules included.
    /// SHOULD failures are warnings; MAY rules describe capabilities; INFO rules are never judged.
    /// </summary>
    public static bool CountsForConformance(this RequirementLevel level) =>
        level is RequirementLevel.Must or RequirementLevel.MustNot;

    internal static string ExpectedList => Table.ExpectedList;
}

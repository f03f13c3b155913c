namespace Vmb.Spec.Catalog;

/// <summary>How sure we are of a rule, as tagged on the reference pages (D11). A rule may carry several tags.</summary>
[Flags]
public enum Evidence
{
    /// <summary>No tag (never valid in the catalog: every rule has at least one).</summary>
    None = 0,

    /// <summary>[DOC] Microsoft's reference pages say so.</summary>
    Doc = 1 << 0,

    /// <summary>[HDR] The WDK header text, SAL annotations or prototypes say so.</summary>
    Hdr = 1 << 1,

    /// <summary>[INF] Inferred by us.</summary>
    Inf = 1 << 2,

    /// <summary>[UNK] Unknown; informational only.</summary>
    Unk = 1 << 3,

    /// <summary>[ALL] All six surveyed ring implementations agree.</summary>
    All = 1 << 4,

    /// <summary>[MOST] All surveyed ring implementations but the named ones agree.</summary>
    Most = 1 << 5,

    /// <summary>[DIS] The surveyed ring implementations disagree; our choice is stated.</summary>
    Dis = 1 << 6,
}

/// <summary>Catalog spellings of the <see cref="Evidence"/> tags.</summary>
public static class EvidenceTags
{
    internal static readonly NameTable<Evidence> Table = new(
        ("DOC", Evidence.Doc),
        ("HDR", Evidence.Hdr),
        ("INF", Evidence.Inf),
        ("UNK", Evidence.Unk),
        ("ALL", Evidence.All),
        ("MOST", Evidence.Most),
        ("DIS", Evidence.Dis));

    /// <summary>The spellings used in the catalog file.</summary>
    public static IEnumerable<string> Names => Table.Names;

    /// <summary>The tags set in <paramref name="evidence"/>, in catalog order, e.g. ["DOC", "HDR"].</summary>
    public static IReadOnlyList<string> Format(this Evidence evidence) =>
        Table.Entries.Where(e => evidence.HasFlag(e.Value)).Select(e => e.Name).ToArray();
}

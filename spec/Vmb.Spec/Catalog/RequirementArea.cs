namespace Vmb.Spec.Catalog;

/// <summary>The group a requirement belongs to; the middle part of its ID (R-PP-5 is in <see cref="Pp"/>).</summary>
public enum RequirementArea
{
    /// <summary>PP: presenting a packet.</summary>
    Pp,

    /// <summary>CMPL: answering with Complete.</summary>
    Cmpl,

    /// <summary>FAIL: answering with Fail.</summary>
    Fail,

    /// <summary>EXT: external data.</summary>
    Ext,

    /// <summary>DEF: deferring to PASSIVE_LEVEL.</summary>
    Def,

    /// <summary>CTX: contexts.</summary>
    Ctx,

    /// <summary>PAS: passive-level processing.</summary>
    Pas,

    /// <summary>QUO: transaction quota.</summary>
    Quo,

    /// <summary>PAUSE: pausing and starting.</summary>
    Pause,

    /// <summary>LIFE: channel lifecycle.</summary>
    Life,

    /// <summary>SR: sending and sizes.</summary>
    Sr,

    /// <summary>SYNC: concurrency and calling context.</summary>
    Sync,

    /// <summary>RING: ring structure.</summary>
    Ring,

    /// <summary>DESC: packet layout.</summary>
    Desc,

    /// <summary>CMP: completions on the wire.</summary>
    Cmp,

    /// <summary>SIG: signalling and ordering.</summary>
    Sig,

    /// <summary>MAL: malformed input and the strict reader.</summary>
    Mal,

    /// <summary>MIS: misuse detection (D12).</summary>
    Mis,
}

/// <summary>Catalog spellings of <see cref="RequirementArea"/>.</summary>
public static class RequirementAreas
{
    internal static readonly NameTable<RequirementArea> Table = new(
        ("PP", RequirementArea.Pp), ("CMPL", RequirementArea.Cmpl), ("FAIL", RequirementArea.Fail),
        ("EXT", RequirementArea.Ext), ("DEF", RequirementArea.Def), ("CTX", RequirementArea.Ctx),
        ("PAS", RequirementArea.Pas), ("QUO", RequirementArea.Quo), ("PAUSE", RequirementArea.Pause),
        ("LIFE", RequirementArea.Life), ("SR", RequirementArea.Sr), ("SYNC", RequirementArea.Sync),
        ("RING", RequirementArea.Ring), ("DESC", RequirementArea.Desc), ("CMP", RequirementArea.Cmp),
        ("SIG", RequirementArea.Sig), ("MAL", RequirementArea.Mal), ("MIS", RequirementArea.Mis));

    /// <summary>The spellings used in the catalog file and in IDs.</summary>
    public static IEnumerable<string> Names => Table.Names;

    /// <summary>Parses an exact spelling such as "PAUSE" (for filters, D20).</summary>
    public static bool TryParse(string text, out RequirementArea area) => Table.TryParse(text, out area);

    /// <summary>The catalog spelling, e.g. "CMPL".</summary>
    public static string Format(this RequirementArea area) => Table.Format(area);
}

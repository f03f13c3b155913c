namespace Vmb.Spec.Catalog;

/// <summary>How a requirement is established (D11, D15); every kind but <see cref="Check"/> comes with a reason.</summary>
public enum Verification
{
    /// <summary>An engine check judges it on traces.</summary>
    Check,

    /// <summary>The SPI's types or the harness make a violation impossible to express.</summary>
    ByConstruction,

    /// <summary>Judged by reading the implementation (e.g. memory ordering, D15).</summary>
    Review,

    /// <summary>Nothing the harness can see decides it (client duties, APIs outside the SPI, permissions).</summary>
    NotObservable,
}

/// <summary>Catalog spellings of <see cref="Verification"/>.</summary>
public static class Verifications
{
    internal static readonly NameTable<Verification> Table = new(
        ("check", Verification.Check),
        ("by-construction", Verification.ByConstruction),
        ("review", Verification.Review),
        ("not-observable", Verification.NotObservable));

    /// <summary>The spellings used in the catalog file.</summary>
    public static IEnumerable<string> Names => Table.Names;

    /// <summary>The catalog spelling, e.g. "by-construction".</summary>
    public static string Format(this Verification verification) => Table.Format(verification);
}

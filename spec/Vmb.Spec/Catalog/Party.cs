namespace Vmb.Spec.Catalog;

/// <summary>Whose duty a requirement is (D11, D12).</summary>
public enum Party
{
    /// <summary>The channel or ring implementation under test.</summary>
    Implementation,

    /// <summary>The driver that registered the callbacks; documentation for driver authors, never a verdict (D12).</summary>
    Client,

    /// <summary>Both sides carry part of the rule; the implementation's part is judged.</summary>
    Both,
}

/// <summary>Catalog spellings of <see cref="Party"/>.</summary>
public static class Parties
{
    internal static readonly NameTable<Party> Table = new(
        ("implementation", Party.Implementation),
        ("client", Party.Client),
        ("both", Party.Both));

    /// <summary>The spellings used in the catalog file.</summary>
    public static IEnumerable<string> Names => Table.Names;

    /// <summary>The catalog spelling, e.g. "client".</summary>
    public static string Format(this Party party) => Table.Format(party);
}

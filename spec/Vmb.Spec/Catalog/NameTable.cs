namespace Vmb.Spec.Catalog;

/// <summary>
/// The exact spellings the catalog file uses for an enum's members. One table per enum keeps parsing,
/// formatting and the "expected one of" list of error messages from drifting apart.
/// </summary>
internal sealed class NameTable<T> where T : struct, Enum
{
    private readonly (string Name, T Value)[] _entries;

    public NameTable(params (string Name, T Value)[] entries) => _entries = entries;

    /// <summary>Every spelling with its value, in catalog order.</summary>
    public IEnumerable<(string Name, T Value)> Entries => _entries;

    /// <summary>Every spelling, in catalog order, for error messages and docs.</summary>
    public IEnumerable<string> Names => _entries.Select(e => e.Name);

    /// <summary>Case-sensitive: the file is written by tools and people alike, and "must" is a typo worth reporting.</summary>
    public bool TryParse(string text, out T value)
    {
        foreach (var (name, v) in _entries)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    public string Format(T value)
    {
        foreach (var (name, v) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(v, value)) return name;
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"no catalog name for {typeof(T).Name}.{value}");
    }

    /// <summary>"A, B, C" for messages.</summary>
    public string ExpectedList => string.Join(", ", Names);
}

namespace Vmb.Conformance.Fields;

/// <summary>One range class of one wire field or API parameter, e.g. (transaction id, 2^32).</summary>
/// <param name="Field">The field's name as reports print it.</param>
/// <param name="Class">The class (<see cref="RangeClasses"/>, or a level's own class such as a count's limit).</param>
public readonly record struct FieldClass(string Field, string Class)
{
    /// <summary>"field=class", as lists of missing classes print it.</summary>
    public override string ToString() => $"{Field}={Class}";

    /// <summary>Every class <paramref name="value"/> of <paramref name="field"/> falls into (see <see cref="RangeClasses.Of"/>).</summary>
    public static IEnumerable<FieldClass> Of(string field, ulong value, ulong max) => RangeClasses.Of(value, max).Select(c => new FieldClass(field, c));

    /// <summary>Every class a field over [<paramref name="min"/>, <paramref name="max"/>] can reach.</summary>
    public static IEnumerable<FieldClass> Reachable(string field, ulong min, ulong max) => RangeClasses.Reachable(min, max).Select(c => new FieldClass(field, c));
}

namespace Vmb.Conformance.Fields;

/// <summary>How often one class of one field occurred in a run, and whether the level requires it (D26).</summary>
/// <param name="Field">The field.</param>
/// <param name="Class">The range class.</param>
/// <param name="Scenarios">Scenarios in which a value of the class occurred (each counted once per scenario).</param>
/// <param name="Required">True when a run that never produced it is inconclusive.</param>
public sealed record FieldCoverageRow(string Field, string Class, int Scenarios, bool Required)
{
    /// <summary>The rows of a run: every class counted plus every required class never reached, ordered by field then class.</summary>
    public static IReadOnlyList<FieldCoverageRow> Table(IReadOnlyDictionary<FieldClass, int> counted, IEnumerable<FieldClass> required)
    {
        var needed = required.ToHashSet();
        return counted.Keys.Concat(needed).Distinct()
            .Select(k => new FieldCoverageRow(k.Field, k.Class, counted.GetValueOrDefault(k), needed.Contains(k)))
            .OrderBy(r => r.Field, StringComparer.Ordinal).ThenBy(r => r.Class, StringComparer.Ordinal).ToList();
    }
}

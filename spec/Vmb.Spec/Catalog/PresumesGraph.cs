namespace Vmb.Spec.Catalog;

/// <summary>
/// The catalog-wide checks of the <c>presumes</c> edges: every presumed rule exists, and no chain of edges comes
/// back to where it started. A cycle would make each of its rules a consequence of another when they tie, so no
/// rule of the tie would be a root (D23).
/// </summary>
internal static class PresumesGraph
{
    /// <summary>Throws on the first dangling reference, then on the first cycle, both in file order.</summary>
    public static void Validate(IReadOnlyList<Requirement> requirements, string source)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < requirements.Count; i++) index[requirements[i].Id] = i;

        for (var i = 0; i < requirements.Count; i++)
        {
            foreach (var presumption in requirements[i].Presumes)
            {
                if (!index.ContainsKey(presumption.RuleId))
                    throw Error(source, requirements[i], i, $"names \"{presumption.RuleId}\", which is not in the catalog");
            }
        }

        if (FindCycle(requirements, index) is { } cycle)
        {
            var first = index[cycle[0]];
            throw Error(source, requirements[first], first,
                $"the presumes edges form a cycle, {string.Join(" -> ", cycle)}; in a tie each of its rules would be a consequence of another and none a root (D23)");
        }
    }

    private static CatalogFormatException Error(string source, Requirement requirement, int index, string problem) =>
        new(source, $"entry {requirement.Id} (#{index})", PresumesField.Name, problem);

    /// <summary>
    /// A cycle as its rules with the first one repeated at the end, starting at the member that comes first in the
    /// file so the message does not depend on where the search happened to enter it; null when there is none.
    /// </summary>
    private static List<string>? FindCycle(IReadOnlyList<Requirement> requirements, Dictionary<string, int> index)
    {
        // 0 unvisited, 1 on the current path, 2 finished; iterative so a long chain cannot exhaust the stack.
        var state = new int[requirements.Count];
        for (var start = 0; start < requirements.Count; start++)
        {
            if (state[start] != 0) continue;
            var path = new List<int> { start };
            var next = new List<int> { 0 };
            state[start] = 1;
            while (path.Count > 0)
            {
                var at = path[^1];
                var edges = requirements[at].Presumes;
                if (next[^1] == edges.Count)
                {
                    state[at] = 2;
                    path.RemoveAt(path.Count - 1);
                    next.RemoveAt(next.Count - 1);
                    continue;
                }

                var to = index[edges[next[^1]++].RuleId];
                if (state[to] == 1) return Rotated(path.GetRange(path.IndexOf(to), path.Count - path.IndexOf(to)), requirements);
                if (state[to] != 0) continue;
                state[to] = 1;
                path.Add(to);
                next.Add(0);
            }
        }

        return null;
    }

    private static List<string> Rotated(List<int> members, IReadOnlyList<Requirement> requirements)
    {
        var lowest = members.IndexOf(members.Min());
        var ids = members.Skip(lowest).Concat(members.Take(lowest)).Select(i => requirements[i].Id).ToList();
        ids.Add(ids[0]);
        return ids;
    }
}

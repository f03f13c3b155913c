using System.Text;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Xunit;

/// <summary>How a requirement becomes a test method name, TCK style: required_/optional_/untested_, the ID, a few words.</summary>
public static class TestNames
{
    private const int Words = 5;

    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "to", "is", "are", "be", "it", "its", "and", "or", "for", "in", "on", "at", "by", "with",
        "that", "this", "as", "from", "into", "than", "then", "so", "any", "each", "every", "which", "when", "while", "one",
    };

    /// <summary>The prefix: untested_ without a check, required_ for MUST / MUST NOT, optional_ otherwise.</summary>
    public static string Prefix(Requirement requirement, bool hasCheck) =>
        !hasCheck ? "untested" : requirement.Level.CountsForConformance() ? "required" : "optional";

    /// <summary>e.g. required_R_PP_5_first_byte_buffer_first_byte.</summary>
    public static string MethodName(Requirement requirement, bool hasCheck) =>
        $"{Prefix(requirement, hasCheck)}_{requirement.Id.Replace('-', '_')}_{Slug(requirement.Statement)}";

    /// <summary>The first meaningful words of <paramref name="statement"/>, lower case, joined by underscores.</summary>
    public static string Slug(string statement)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0 && !Filler.Contains(word.ToString())) words.Add(word.ToString().ToLowerInvariant());
            word.Clear();
        }
        foreach (var ch in statement)
        {
            if (words.Count == Words) break;
            if (char.IsAsciiLetterOrDigit(ch)) word.Append(ch);
            else if (ch != '\'') Flush();
        }
        Flush();
        return words.Count == 0 ? "rule" : string.Join('_', words.Take(Words));
    }
}

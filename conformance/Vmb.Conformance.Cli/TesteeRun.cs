using System.Text.RegularExpressions;

namespace Vmb.Conformance.Cli;

/// <summary>An out-of-process implementation `run --all` judges too: its level, the command that starts it, and its report name.</summary>
internal sealed partial record TesteeRun(string Level, string Command, string Stem)
{
    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotNameCharacters();

    /// <summary>Reads LEVEL=COMMAND; the report name comes from the command's words, so it is stable from run to run.</summary>
    public static TesteeRun Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
            throw new UsageException($"--add-testee: '{text}' is not LEVEL=COMMAND, e.g. ring=./my-ring-testee or channel=\"./my-channel --profile pipe\"");
        var level = Inputs.EngineLevel(text[..equals].Trim());
        var command = text[(equals + 1)..].Trim();
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Paths contribute their file names only, so the name does not depend on where the testee was built.
        var name = string.Join(' ', words.Select(w => Path.GetFileName(w.Trim('"', '\''))));
        return new TesteeRun(level, command, $"testee-{level}-{NotNameCharacters().Replace(name.ToLowerInvariant(), "-").Trim('-')}");
    }
}

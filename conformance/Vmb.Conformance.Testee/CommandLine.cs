using System.Text;

namespace Vmb.Conformance.Testee;

/// <summary>Splits a testee command the way a POSIX shell splits words, without running a shell or expanding anything.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Words separated by unquoted whitespace; '…' keeps everything literally, "…" keeps everything but \" \\ \$ \`,
    /// a backslash outside quotes keeps the next character.
    /// </summary>
    /// <exception cref="FormatException">An unterminated quote or a trailing backslash, or no word at all.</exception>
    public static IReadOnlyList<string> Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (inWord) words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                case '\'':
                    var close = command.IndexOf('\'', i + 1);
                    if (close < 0) throw new FormatException($"unterminated ' at column {i + 1} of the testee command");
                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    var start = i;
                    for (i++; ; i++)
                    {
                        if (i >= command.Length) throw new FormatException($"unterminated \" at column {start + 1} of the testee command");
                        if (command[i] == '"') break;
                        if (command[i] == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`') i++;
                        word.Append(command[i]);
                    }
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 >= command.Length) throw new FormatException("the testee command ends with a lone backslash");
                    word.Append(command[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        if (words.Count == 0) throw new FormatException("the testee command is empty");
        return words;
    }

    /// <summary>The program's path: as given when it names a path, else the first executable file of that name on PATH; null when none.</summary>
    public static string? Resolve(string program)
    {
        if (program.Contains('/')) return IsExecutable(program) ? program : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}

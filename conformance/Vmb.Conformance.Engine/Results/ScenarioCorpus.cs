using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Vmb.Conformance.Results;

/// <summary>
/// Scenarios of one level fixed in a file, one JSON scenario per line (as a replay line carries it), judged in place of
/// the generated stream: a frozen workload that does not move when the generators change (deep-run figures on a frozen
/// profile, certification on an agreed set). Scenario i of a run is line i, the lines taken again from the first when a
/// run asks for more scenarios than the file holds.
/// </summary>
public sealed class ScenarioCorpus
{
    private readonly string[] _scenarios;
    private readonly int[] _lineNumbers;

    /// <summary>A corpus named <paramref name="name"/> holding <paramref name="scenarios"/>, in order.</summary>
    public ScenarioCorpus(string name, IReadOnlyList<string> scenarios) : this(name, scenarios, Enumerable.Range(1, scenarios?.Count ?? 0).ToArray())
    {
    }

    private ScenarioCorpus(string name, IReadOnlyList<string> scenarios, int[] lineNumbers)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Count == 0) throw new ArgumentException("a corpus holds at least one scenario", nameof(scenarios));
        _scenarios = [.. scenarios];
        _lineNumbers = lineNumbers;
        Name = name;
        Stamp = new CorpusStamp(name, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', _scenarios)))), _scenarios.Length);
    }

    /// <summary>The file's name, as reports show it.</summary>
    public string Name { get; }

    /// <summary>Scenarios in the file.</summary>
    public int Count => _scenarios.Length;

    /// <summary>What a report records of the corpus, so shards of different corpora are never merged.</summary>
    public CorpusStamp Stamp { get; }

    /// <summary>Scenario <paramref name="index"/> of a run as JSON text: line index mod <see cref="Count"/>.</summary>
    public string At(int index) => _scenarios[index % _scenarios.Length];

    /// <summary>The line of the file (1-based) and text of every scenario, for checking them before a run.</summary>
    public IEnumerable<(int Line, string Json)> Lines => _scenarios.Select((json, i) => (_lineNumbers[i], json));

    /// <summary>
    /// Reads a corpus file: JSON lines, gzip-compressed when the name ends in .gz; blank lines are skipped.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, is not gzip where its name says so, or holds no scenario.</exception>
    public static ScenarioCorpus Load(string path)
    {
        var name = Path.GetFileName(path);
        List<string> lines;
        List<int> numbers;
        try
        {
            using var file = File.OpenRead(path);
            using var text = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new StreamReader(new GZipStream(file, CompressionMode.Decompress), Encoding.UTF8)
                : new StreamReader(file, Encoding.UTF8);
            lines = [];
            numbers = [];
            for (var number = 1; text.ReadLine() is { } line; number++)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                lines.Add(line.Trim());
                numbers.Add(number);
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: not gzip data, though the name ends in .gz ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
        if (lines.Count == 0) throw new InvalidDataException($"{name}: holds no scenario (one JSON scenario per line)");
        return new ScenarioCorpus(name, lines, [.. numbers]);
    }
}

/// <summary>A corpus as a report records it: file name, SHA-256 of its scenarios (lines joined by newlines) and their count.</summary>
/// <param name="Name">The file's name.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the scenario lines joined by '\n'.</param>
/// <param name="Scenarios">Scenarios in the file.</param>
public sealed record CorpusStamp(string Name, string Sha256, int Scenarios)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Scenarios} scenarios, SHA-256 {Sha256})";
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Vmb.Conformance.Scenarios;
using Vmb.Faulty.Faults;
using Vmb.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Corpus;

/// <summary>
/// One file of fixtures/corpus: a scenario, the implementation it runs on and the verdict each listed
/// requirement must get ("pass", "fail", "not-exercised"); or a golden ring image.
/// </summary>
public sealed record CorpusEntry(string File, string Description, string? Implementation, IReadOnlyDictionary<string, string> Expect, Scenario? Scenario, JsonNode? Golden)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "corpus");

    public static IEnumerable<CorpusEntry> All() => Directory.GetFiles(Folder, "*.json").Order().Select(Load);

    public static CorpusEntry Load(string path)
    {
        var name = Path.GetFileName(path);
        var root = JsonNode.Parse(System.IO.File.ReadAllText(path)) ?? throw new ScenarioFormatException(name, "$", "empty file");
        var description = root["description"]?.GetValue<string>() ?? throw new ScenarioFormatException(name, "$.description", "missing");
        var expect = root["expect"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? new Dictionary<string, string>();
        var scenario = root["scenario"] is { } s ? ScenarioJson.Parse(s.ToJsonString(), name) : null;
        return new CorpusEntry(name, description, root["implementation"]?.GetValue<string>(), expect, scenario, root["golden"]);
    }

    /// <summary>The implementation the entry names.</summary>
    public IChannelImplementation CreateImplementation() => Implementation switch
    {
        "reference" => new ReferenceChannelImplementation(),
        "reference-pipe" => new ReferenceChannelImplementation(new KmclOptions { Profile = FramingProfile.Pipe }),
        "broken:presents-answered-packet-again" => new RepresentsAnsweredPacket(new ReferenceChannelImplementation()),
        "broken:buffer-starts-at-descriptor" => new BufferIncludesDescriptor(new ReferenceChannelImplementation()),
        "broken:external-data-without-flag" => new ExternalDataOnUnflagged(new ReferenceChannelImplementation()),
        _ => throw new ScenarioFormatException(File, "$.implementation", $"unknown implementation '{Implementation}'"),
    };

    public override string ToString() => File;
}

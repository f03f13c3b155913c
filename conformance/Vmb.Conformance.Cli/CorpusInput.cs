using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Ring;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Cli;

/// <summary>
/// `run --corpus FILE`: a corpus is read and every scenario in it checked before anything runs, so a bad line is one
/// usage error naming the file and line, never a failure halfway through a run.
/// </summary>
internal static class CorpusInput
{
    /// <summary>The corpus at <paramref name="path"/>, every line a valid scenario of <paramref name="level"/> (fitted to <paramref name="profile"/> at the channel level).</summary>
    public static ScenarioCorpus Load(string path, string? level, FramingProfile profile)
    {
        if (level is null) throw new UsageException("--corpus: name the level its scenarios belong to with --level channel or --level ring");
        ScenarioCorpus corpus;
        try
        {
            corpus = ScenarioCorpus.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--corpus: {e.Message}");
        }
        Action<string> check = Inputs.EngineLevel(level) == ChannelLevel.LevelName
            ? FittedTo(new ChannelLevel(Inputs.Reference(profile)), profile)
            : Parses(new RingLevel(new ReferenceRing()));
        foreach (var (line, json) in corpus.Lines)
        {
            try
            {
                check(json);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new UsageException($"--corpus: {corpus.Name} line {line}: {e.Message}");
            }
        }
        return corpus;
    }

    private static Action<string> Parses(RingLevel level) => json => level.FromJson(json);

    // A channel scenario parses, and is of the framing profile the run judges.
    private static Action<string> FittedTo(ChannelLevel level, FramingProfile profile) => json =>
    {
        var found = level.FromJson(json).Options.Profile;
        if (found != profile)
            throw new FormatException($"a {found.ToString().ToLowerInvariant()}-profile scenario; run the corpus with --profile {found.ToString().ToLowerInvariant()}");
    };
}

namespace Vmb.Conformance.Results;

/// <summary>Which shards of a stream a result covers, and the stream they were cut from.</summary>
/// <param name="Count">How many shards the stream was cut into.</param>
/// <param name="Numbers">The shard numbers covered (from 1), ascending.</param>
/// <param name="ScenariosPlanned">The length of the whole stream.</param>
public sealed record ShardCoverage(int Count, IReadOnlyList<int> Numbers, int ScenariosPlanned)
{
    /// <summary>True when every shard of the stream is covered.</summary>
    public bool Complete => Numbers.Count == Count;

    /// <summary>"2/4" for one shard, "1,2,3,4/4" for several.</summary>
    public override string ToString() => $"{string.Join(",", Numbers)}/{Count}";
}

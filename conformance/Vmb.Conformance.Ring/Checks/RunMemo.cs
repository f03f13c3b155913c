namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// What several checks work out from the same run (the model's facts, the read conditions, the images of written
/// packets), worked out once. A run's checks are evaluated one after another on one thread, so each thread remembers
/// the last run it was asked about; a run asked about again after another is worked out again, which costs time, never
/// correctness. (A table keyed weakly by run held a handle per run and per packet that every collection had to trace.)
/// </summary>
internal sealed class RunMemo
{
    [ThreadStatic]
    private static RunMemo? _last;

    private RunMemo(RingRun run) => Run = run;

    public RingRun Run { get; }

    public List<WriterFact>? Writer { get; set; }

    public List<ReaderFact>? Reader { get; set; }

    public ReadConditions? Conditions { get; set; }

    /// <summary>Correct images of the run's written packets, by operation (never written to).</summary>
    public Dictionary<RingOp, byte[]> Images { get; } = new(ReferenceEqualityComparer.Instance);

    public static RunMemo Of(RingRun run)
    {
        var memo = _last;
        if (memo is null || !ReferenceEquals(memo.Run, run)) _last = memo = new RunMemo(run);
        return memo;
    }
}

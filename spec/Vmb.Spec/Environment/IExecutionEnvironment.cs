using Vmb.Spec.Kmcl;

namespace Vmb.Spec.Environment;

/// <summary>
/// Where an implementation runs: the harness hands this in, so the implementation never takes IRQL, threads
/// or time from statics, and a deterministic environment can replay a counterexample exactly.
/// </summary>
public interface IExecutionEnvironment
{
    /// <summary>IRQL of the calling context (what a callback observes, R-PP-11, R-PAS-1).</summary>
    Irql CurrentIrql { get; }

    /// <summary>Runs <paramref name="work"/> later at DISPATCH_LEVEL (a DPC).</summary>
    void QueueDispatch(Action work);

    /// <summary>Runs <paramref name="work"/> later at PASSIVE_LEVEL on a worker (R-DEF-1, R-PAS-1).</summary>
    void QueuePassive(Action work);

    /// <summary>The clock; virtual in the deterministic environment.</summary>
    TimeProvider Time { get; }
}

namespace Vmb.Conformance.Engine;

/// <summary>
/// One check of a level: judges one catalog requirement (named by ID, the link to the catalog) on one run.
/// Checks are stateless; one instance judges every run.
/// </summary>
/// <typeparam name="TRun">What the level's checks judge (a run with its trace).</typeparam>
public interface ICheck<in TRun>
{
    /// <summary>The catalog requirement judged.</summary>
    string RequirementId { get; }

    /// <summary>True for an INFO rule: the check records behaviour, never passes or fails it.</summary>
    bool IsInformational { get; }

    /// <summary>True when <paramref name="run"/> is one this check speaks about at all.</summary>
    bool Judges(TRun run);

    /// <summary>Pass, fail (with the offending event) or not exercised.</summary>
    CheckOutcome Evaluate(TRun run);
}

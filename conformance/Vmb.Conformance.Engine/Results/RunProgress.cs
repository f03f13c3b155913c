namespace Vmb.Conformance.Results;

/// <summary>Where a running suite is, reported after each scenario (for a progress line; never part of a result).</summary>
/// <param name="Level">The level running.</param>
/// <param name="Done">Scenarios judged so far.</param>
/// <param name="Total">Scenarios the run will generate (fewer when a duration budget ends it first).</param>
/// <param name="FailedRules">Rules that have failed in some scenario so far.</param>
/// <param name="Elapsed">Wall-clock time since the run started.</param>
public sealed record RunProgress(string Level, int Done, int Total, int FailedRules, TimeSpan Elapsed);

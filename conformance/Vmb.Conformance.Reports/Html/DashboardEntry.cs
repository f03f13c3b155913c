using Vmb.Conformance.Results;

namespace Vmb.Conformance.Reports.Html;

/// <summary>One implementation's column of the dashboard.</summary>
/// <param name="Result">Its run.</param>
/// <param name="Stem">The file-name stem of its reports beside the page (linked from its column), or null when there are none.</param>
/// <param name="Expectation">What was expected of it, e.g. a fixture's declared roots, and whether that held; null for no expectation.</param>
public sealed record DashboardEntry(SuiteResult Result, string? Stem = null, DashboardExpectation? Expectation = null);

/// <summary>What a run was expected to show and whether it did.</summary>
/// <param name="Met">True when the run showed exactly what was expected.</param>
/// <param name="Text">One line: what was expected and, when not met, what differed.</param>
public sealed record DashboardExpectation(bool Met, string Text);

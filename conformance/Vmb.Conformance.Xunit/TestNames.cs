using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Xunit;

/// <summary>
/// How a requirement becomes a test method name, TCK style: required_/optional_/untested_, the ID, the level.
/// Nothing of the statement is in the name, so rewording a rule never renames its test (CI history, filters and
/// expected-failure lists keyed by test name survive a catalog edit).
/// </summary>
public static class TestNames
{
    /// <summary>The prefix: untested_ without a check, required_ for MUST / MUST NOT, optional_ otherwise.</summary>
    public static string Prefix(Requirement requirement, bool hasCheck) =>
        !hasCheck ? "untested" : requirement.Level.CountsForConformance() ? "required" : "optional";

    /// <summary>e.g. required_R_PP_5_MUST, optional_R_RING_11_MAY, required_R_RING_14_MUST_NOT.</summary>
    public static string MethodName(Requirement requirement, bool hasCheck) =>
        $"{Prefix(requirement, hasCheck)}_{requirement.Id.Replace('-', '_')}_{requirement.Level.Format().Replace(' ', '_')}";
}

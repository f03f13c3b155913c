namespace Vmb.Spec.Catalog;

/// <summary>
/// One <c>presumes</c> edge of a requirement: the rule's check only makes sense once <see cref="RuleId"/> holds.
/// When both fail at the same trace position, the presuming rule is a consequence of the presumed one (D23);
/// the edge settles nothing else.
/// </summary>
/// <param name="RuleId">The presumed rule, a requirement of the same catalog other than the presuming one.</param>
/// <param name="Reason">Why the presuming rule's check depends on it, in one sentence.</param>
public sealed record Presumption(string RuleId, string Reason);

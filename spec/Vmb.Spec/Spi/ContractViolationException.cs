namespace Vmb.Spec.Spi;

/// <summary>
/// Raised by a strict implementation when the client breaks a rule (misuse detection, D12). Carries the
/// catalog ID of the rule; the message never repeats the catalog's prose.
/// </summary>
public sealed class ContractViolationException : InvalidOperationException
{
    /// <summary>Creates the error for requirement <paramref name="requirementId"/>.</summary>
    public ContractViolationException(string requirementId, string detail)
        : base($"{requirementId}: {detail}")
    {
        RequirementId = requirementId;
        Detail = detail;
    }

    /// <summary>Catalog ID of the broken rule (e.g. R-MIS-1).</summary>
    public string RequirementId { get; }

    /// <summary>What happened, in terms of this call.</summary>
    public string Detail { get; }
}

using Vmb.Conformance.Engine;

namespace Vmb.Conformance.Tracing;

/// <summary>A scenario step begins.</summary>
public sealed record StepBegun : TraceEvent
{
    /// <summary>The step's type, for a person.</summary>
    public string StepType { get; init; } = "";

    private protected override string Describe() => $"step {Step} {StepType}";
}

/// <summary>A guest page became resident and the channel was told.</summary>
public sealed record PageMadeResident : TraceEvent
{
    /// <summary>The guest page number.</summary>
    public ulong Page { get; init; }

    private protected override string Describe() => $"page {Page}";
}

/// <summary>The final phase begins: outstanding work is finished and the channel disabled.</summary>
public sealed record FinalPhaseBegun : TraceEvent
{
    private protected override string Describe() => "";
}

/// <summary>The implementation threw outside the contract, or something else ended the run early.</summary>
public sealed record RunAborted : TraceEvent
{
    /// <summary>How the run ended.</summary>
    public RunOutcome Outcome { get; init; }

    /// <summary>Why, for a person.</summary>
    public string Detail { get; init; } = "";

    private protected override string Describe() => $"{Outcome}: {Detail}";
}

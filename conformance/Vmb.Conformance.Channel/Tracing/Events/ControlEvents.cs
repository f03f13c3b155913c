using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tracing;

/// <summary>The harness made a control call (or held one back).</summary>
public sealed record ControlCalled : TraceEvent
{
    /// <summary>The call.</summary>
    public Subject Call { get; init; }

    /// <summary>The NTSTATUS it returned; meaningless when <see cref="Statusless"/>.</summary>
    public int Status { get; init; }

    /// <summary>The call returns no status (or has not returned yet).</summary>
    public bool Statusless { get; init; }

    /// <summary>Its numeric argument: a quota, a transfer page set id; 0 when none.</summary>
    public long Argument { get; init; }

    private protected override string Describe() => Statusless ? Call.ToString() : $"{Call} {Spec.Kmcl.NtStatus.Name(Status)}";
}

/// <summary>An asynchronous control call's task completed.</summary>
public sealed record ControlCompleted : TraceEvent
{
    /// <summary>The call.</summary>
    public Subject Call { get; init; }

    /// <summary>The task faulted.</summary>
    public bool Faulted { get; init; }

    /// <summary>The rule a ContractViolationException named, if it faulted with one.</summary>
    public string? Rule { get; init; }

    private protected override string Describe() => $"{Call}{(Faulted ? " faulted" : "")}{(Rule is null ? "" : " " + Rule)}";
}

/// <summary>The implementation reported misuse to its observer.</summary>
public sealed record MisuseReported : TraceEvent
{
    /// <summary>The rule it names.</summary>
    public string Rule { get; init; } = "";

    /// <summary>Its explanation, for a person.</summary>
    public string Detail { get; init; } = "";

    private protected override string Describe() => $"{Rule}: {Detail}";
}

/// <summary>The implementation reported that intake stopped.</summary>
public sealed record IntakeStopped : TraceEvent
{
    /// <summary>Why.</summary>
    public IntakeStopReason Reason { get; init; }

    /// <summary>The rule it names, if any.</summary>
    public string? Rule { get; init; }

    /// <summary>Its explanation, for a person.</summary>
    public string Detail { get; init; } = "";

    private protected override string Describe() => $"{Reason}{(Rule is null ? "" : " " + Rule)}: {Detail}";
}

/// <summary>The implementation reported consuming a completion (0xB) or cancel (0xA) packet.</summary>
public sealed record NonDataConsumed : TraceEvent
{
    /// <summary>Its type.</summary>
    public Spec.Wire.PacketType PacketType { get; init; }

    /// <summary>Its transaction id.</summary>
    public ulong TransactionId { get; init; }

    private protected override string Describe() => $"{PacketType} tid {TransactionId}";
}

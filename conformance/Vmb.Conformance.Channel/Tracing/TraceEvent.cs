using Vmb.Spec.Kmcl;

namespace Vmb.Conformance.Tracing;

/// <summary>
/// One observable event. A flat record: each kind uses the fields its documentation names and leaves the
/// others at their defaults, which keeps checks short.
/// </summary>
public sealed record TraceEvent
{
    /// <summary>Position in the trace.</summary>
    public int Index { get; init; }

    /// <summary>What happened.</summary>
    public TraceKind Kind { get; init; }

    /// <summary>Scenario step during which it happened (-1 before the first, int.MaxValue in the final phase).</summary>
    public int Step { get; init; }

    /// <summary>Scenario packet index (order of write steps), -1 when none or unknown.</summary>
    public int Packet { get; init; } = -1;

    /// <summary>Identity of the packet handle (distinct objects get distinct numbers), -1 when none.</summary>
    public int Handle { get; init; } = -1;

    /// <summary>Presentation number this event belongs to, -1 when none.</summary>
    public int Presentation { get; init; } = -1;

    /// <summary>IRQL of the context the event happened in.</summary>
    public Irql Irql { get; init; }

    /// <summary>BufferLength or another length.</summary>
    public uint Length { get; init; }

    /// <summary>Flags argument.</summary>
    public uint Flags { get; init; }

    /// <summary>Observed bytes (buffer, completion payload, view contents).</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>Bytes the harness expected, where it knows them at event time.</summary>
    public byte[]? Expected { get; init; }

    /// <summary>An NTSTATUS or other code.</summary>
    public int Status { get; init; }

    /// <summary>Transaction id (outgoing packets, consumed non-data packets).</summary>
    public ulong TransactionId { get; init; }

    /// <summary>Requirement id (misuse, intake stop, contract violation).</summary>
    public string? Id { get; init; }

    /// <summary>The typed subject of a control call, client call, state callback or superseded callback; checks compare this.</summary>
    public Subject Subject { get; init; }

    /// <summary>Free text for a person; never compared by a check.</summary>
    public string? Detail { get; init; }

    /// <summary>A kind-specific yes/no (inside callback, context intact, task faulted, exact match...).</summary>
    public bool Flag { get; init; }

    /// <summary>A kind-specific number (ring offset, count, descriptor fields packed, ...).</summary>
    public long Value { get; init; }

    /// <summary>ExternalData: the view returned says it is read-only.</summary>
    public bool ViewReadOnly { get; init; }

    /// <summary>Managed thread that recorded the event.</summary>
    public int Thread { get; init; }

    /// <summary>One line for a person.</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"#{Index}", Kind.ToString() };
        if (Packet >= 0) parts.Add($"packet {Packet}");
        if (Handle >= 0) parts.Add($"handle {Handle}");
        if (Kind is TraceKind.PresentationBegun or TraceKind.ProcessingComplete or TraceKind.StateCallbackBegun or TraceKind.Completed)
            parts.Add($"irql {Irql}");
        if (Kind == TraceKind.PresentationBegun) parts.Add($"len {Length} flags 0x{Flags:X}");
        if (Kind is TraceKind.ProcessingComplete) parts.Add($"n {Value}");
        if (Kind is TraceKind.ExternalData or TraceKind.ControlCalled) parts.Add(NtStatus.Name(Status));
        if (Kind is TraceKind.OutgoingPacket or TraceKind.NonDataConsumed) parts.Add($"tid {TransactionId}");
        if (Bytes is not null) parts.Add($"{Bytes.Length} B");
        if (Id is not null) parts.Add(Id);
        if (Detail is not null) parts.Add(Detail);
        else if (Subject != Subject.None) parts.Add(Subject.ToString());
        return string.Join(" ", parts);
    }
}

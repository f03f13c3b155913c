namespace Vmb.Conformance.Tracing;

/// <summary>ProcessPacket was entered: one presentation, as the client saw it.</summary>
public sealed record PresentationBegun : PresentationEvent, ICallbackArguments
{
    /// <summary>BufferLength.</summary>
    public uint Length { get; init; }

    /// <summary>Flags.</summary>
    public uint Flags { get; init; }

    /// <summary>The bytes of Buffer.</summary>
    public byte[] Buffer { get; init; } = [];

    /// <inheritdoc />
    public bool SameChannel { get; init; }

    /// <inheritdoc />
    public bool RegisteredContext { get; init; }

    private protected override string Describe() => $"{HandleText} len {Length} flags 0x{Flags:X}";
}

/// <summary>ProcessPacket returned.</summary>
public sealed record PresentationEnded : PresentationEvent
{
    private protected override string Describe() => HandleText;
}

/// <summary>The client completed the packet.</summary>
public sealed record PacketCompleted : PresentationEvent
{
    /// <summary>The completion buffer passed.</summary>
    public byte[] Response { get; init; } = [];

    /// <summary>Inside the presenting callback.</summary>
    public bool InsideCallback { get; init; }

    private protected override string Describe() => $"{HandleText} {Response.Length} B{(InsideCallback ? " inside the callback" : "")}";
}

/// <summary>The client failed the packet (always from inside the presenting callback).</summary>
public sealed record PacketFailed : PresentationEvent
{
    private protected override string Describe() => HandleText;
}

/// <summary>The client deferred the packet to passive.</summary>
public sealed record PacketDeferred : PresentationEvent
{
    private protected override string Describe() => HandleText;
}

/// <summary>GetExternalData returned.</summary>
public sealed record ExternalDataRequested : PresentationEvent
{
    /// <summary>The client asked for a read-only view.</summary>
    public bool AskedReadOnly { get; init; }

    /// <summary>The NTSTATUS returned.</summary>
    public int Status { get; init; }

    /// <summary>A view came back.</summary>
    public bool ViewReturned { get; init; }

    /// <summary>The view's length, -1 without a view.</summary>
    public long ViewLength { get; init; } = -1;

    /// <summary>The number of ranges the view spans, 0 without a view.</summary>
    public int ViewRanges { get; init; }

    /// <summary>The view says it is read-only.</summary>
    public bool ViewReadOnly { get; init; }

    /// <summary>The view's bytes as read through it, when read.</summary>
    public byte[]? ViewBytes { get; init; }

    /// <summary>What guest memory held at the packet's ranges at that moment, when the harness could read it.</summary>
    public byte[]? GuestBytes { get; init; }

    private protected override string Describe() =>
        $"{HandleText} {Spec.Kmcl.NtStatus.Name(Status)}{(ViewReturned ? $" view {ViewLength} B in {ViewRanges} ranges{(ViewReadOnly ? ", read-only" : "")}" : "")}";
}

/// <summary>The client checked its per-packet context before answering.</summary>
public sealed record ClientContextChecked : HandleEvent
{
    /// <summary>The marker written at presentation was still there.</summary>
    public bool Intact { get; init; }

    /// <summary>The context's length.</summary>
    public int ContextLength { get; init; }

    private protected override string Describe() => $"{HandleText} {ContextLength} B {(Intact ? "intact" : "changed")}";
}

/// <summary>The client made a misuse probe on purpose.</summary>
public sealed record MisuseProbed : HandleEvent
{
    /// <summary>The R-MIS rule probed.</summary>
    public string Rule { get; init; } = "";

    private protected override string Describe() => $"{HandleText} {Rule}";
}

/// <summary>A call into the implementation threw: a client call on a packet or view, or a control call.</summary>
public sealed record CallThrew : HandleEvent
{
    /// <summary>The call.</summary>
    public Subject Call { get; init; }

    /// <summary>The rule a ContractViolationException named, if any.</summary>
    public string? Rule { get; init; }

    /// <summary>It threw something other than a ContractViolationException.</summary>
    public bool Unexpected { get; init; }

    /// <summary>The exception's message, for a person.</summary>
    public string Message { get; init; } = "";

    private protected override string Describe() => $"{(Packet >= 0 ? HandleText + " " : "")}{Call}{(Rule is null ? "" : " " + Rule)}: {Message}";
}

namespace Vmb.Conformance.Tracing;

/// <summary>The harness published a scenario packet on the incoming ring.</summary>
public sealed record PacketWritten : PacketEvent
{
    /// <summary>Ring offset of its descriptor.</summary>
    public long Offset { get; init; }

    /// <summary>Its bytes on the ring, without the trailer.</summary>
    public uint Length { get; init; }

    private protected override string Describe() => $"{PacketText} at {Offset} len {Length}";
}

/// <summary>The incoming ring had no room for the packet: it waits in the backlog with pending_send_size set.</summary>
public sealed record IncomingRingFull : PacketEvent
{
    /// <summary>Bytes the packet needs, trailer included.</summary>
    public long Needed { get; init; }

    private protected override string Describe() => $"{PacketText} needs {Needed} B";
}

/// <summary>The harness rang the channel's doorbell.</summary>
public sealed record SignalSent : TraceEvent
{
    /// <summary>Why: <see cref="Subject.Signal"/>, <see cref="Subject.ExtraSignal"/> or <see cref="Subject.RoomSignal"/>.</summary>
    public Subject Reason { get; init; }

    private protected override string Describe() => Reason.ToString();
}

/// <summary>The implementation rang the peer's doorbell (SignalPeer).</summary>
public sealed record SignalReceived : TraceEvent
{
    private protected override string Describe() => "";
}

/// <summary>The incoming ring has more room than the pending_send_size the peer set, but no room signal came.</summary>
public sealed record RoomSignalMissing : TraceEvent
{
    /// <summary>The pending_send_size the peer set.</summary>
    public long PendingSendSize { get; init; }

    /// <summary>Free bytes in the incoming ring.</summary>
    public long Free { get; init; }

    private protected override string Describe() => $"{Free} B free > pending_send_size {PendingSendSize}, no signal";
}

/// <summary>
/// The outgoing ring was empty when the peer last looked at it and holds packets now, and no signal came in between:
/// the channel published into an empty ring without ringing the peer (R-SIG-1; the peer never sets interrupt_mask).
/// </summary>
public sealed record OutgoingUnsignalled : TraceEvent
{
    /// <summary>Bytes the channel has published on the outgoing ring since the ring was last seen empty.</summary>
    public long Used { get; init; }

    private protected override string Describe() => $"{Used} B published into the empty outgoing ring, no signal";
}

/// <summary>The peer read a packet from the outgoing ring.</summary>
public sealed record OutgoingPacketRead : TraceEvent
{
    /// <summary>Descriptor type.</summary>
    public ushort PacketType { get; init; }

    /// <summary>Descriptor flags.</summary>
    public ushort DescriptorFlags { get; init; }

    /// <summary>Descriptor DataOffset8.</summary>
    public ushort DataOffset8 { get; init; }

    /// <summary>Descriptor Length8.</summary>
    public ushort Length8 { get; init; }

    /// <summary>Descriptor transaction id.</summary>
    public ulong TransactionId { get; init; }

    /// <summary>The payload, from DataOffset8×8 to Length8×8.</summary>
    public byte[] Payload { get; init; } = [];

    /// <summary>Ring offset of the descriptor.</summary>
    public long RingOffset { get; init; }

    /// <summary>The trailer after it names that offset.</summary>
    public bool TrailerOk { get; init; }

    private protected override string Describe() => $"type 0x{PacketType:X} tid {TransactionId} {Payload.Length} B at {RingOffset}";
}

/// <summary>The outgoing ring held something that is not a valid packet.</summary>
public sealed record OutgoingMalformed : TraceEvent
{
    /// <summary>What was wrong, for a person.</summary>
    public string Problem { get; init; } = "";

    private protected override string Describe() => Problem;
}

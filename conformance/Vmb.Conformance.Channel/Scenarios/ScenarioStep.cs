using System.Text.Json.Serialization;

namespace Vmb.Conformance.Scenarios;

/// <summary>One thing the harness does, in order: an opposite-endpoint action or a client control call.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "step")]
[JsonDerivedType(typeof(WritePacketStep), "write")]
[JsonDerivedType(typeof(SignalStep), "signal")]
[JsonDerivedType(typeof(MakeResidentStep), "make-resident")]
[JsonDerivedType(typeof(DrainOutgoingStep), "drain-outgoing")]
[JsonDerivedType(typeof(PeerCloseStep), "peer-close")]
[JsonDerivedType(typeof(PauseStep), "pause")]
[JsonDerivedType(typeof(StartStep), "start")]
[JsonDerivedType(typeof(SetQuotaStep), "set-quota")]
public abstract record ScenarioStep;

/// <summary>
/// The opposite endpoint writes one packet to the incoming ring, publishes it and rings the doorbell when
/// the ring went from empty to non-empty (R-SIG-1). A packet that does not fit waits in the endpoint's
/// backlog (pending_send_size set, R-SIG-4) and is written once room appears.
/// </summary>
public sealed record WritePacketStep : ScenarioStep
{
    /// <summary>Packet kind.</summary>
    public PacketKind Kind { get; init; }

    /// <summary>How a <see cref="PacketKind.Malformed"/> packet is broken.</summary>
    public Malformation Malformation { get; init; }

    /// <summary>In-band payload bytes (after the range list; in pipe profile, after the pipe header).</summary>
    public byte[] Payload { get; init; } = [];

    /// <summary>Descriptor transaction id (D8: unique and non-zero by default).</summary>
    public ulong TransactionId { get; init; }

    /// <summary>Descriptor flag bit 0 (R-CMPL-4).</summary>
    public bool CompletionRequested { get; init; }

    /// <summary>GPA-direct or transfer-page ranges.</summary>
    public ExternalRange[] Ranges { get; init; } = [];

    /// <summary>Transfer page set named by a 0x7 packet.</summary>
    public ushort PageSetId { get; init; }

    /// <summary>What the client does when this packet is presented.</summary>
    public ClientPolicy Policy { get; init; } = new();

    /// <summary>True for 0x6, 0x7 and 0x9 packets that are well formed: these must be presented.</summary>
    [JsonIgnore]
    public bool IsPresentable => Kind is PacketKind.InBand or PacketKind.TransferPages or PacketKind.GpaDirect;
}

/// <summary>An extra doorbell regardless of ring state (R-SIG-10: a hint).</summary>
public sealed record SignalStep : ScenarioStep;

/// <summary>A non-resident guest page becomes resident (D18): pending packets that wait for it come back (R-EXT-9).</summary>
public sealed record MakeResidentStep : ScenarioStep
{
    /// <summary>The page.</summary>
    public ulong Page { get; init; }
}

/// <summary>The opposite endpoint reads every completion on the outgoing ring and signals per pending_send_size (R-SIG-5).</summary>
public sealed record DrainOutgoingStep : ScenarioStep;

/// <summary>The opposite endpoint closes the channel (D19): Suspend then Closed follow; the scenario ends there.</summary>
public sealed record PeerCloseStep : ScenarioStep;

/// <summary>The client calls Pause (R-PAUSE-3); it completes once nothing is outstanding.</summary>
public sealed record PauseStep : ScenarioStep;

/// <summary>The client calls Start on a paused channel (R-PAUSE-7).</summary>
public sealed record StartStep : ScenarioStep;

/// <summary>The client changes the transaction quota (R-QUO-3, R-QUO-4).</summary>
public sealed record SetQuotaStep : ScenarioStep
{
    /// <summary>The new quota (above zero, R-QUO-1).</summary>
    public uint Quota { get; init; }
}

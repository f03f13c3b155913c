using Vmb.Spec.Wire;

namespace Vmb.Spec.Spi;

/// <summary>Why a channel stopped presenting packets (D10).</summary>
public enum IntakeStopReason
{
    /// <summary>The client failed a packet (R-FAIL-2).</summary>
    PacketFailed,

    /// <summary>The incoming ring held a malformed packet or corrupt indices (R-MAL-9).</summary>
    MalformedRing,
}

/// <summary>The implementation's diagnostics channel to the harness: misuse it detected, why intake stopped.</summary>
public interface IChannelObserver
{
    /// <summary>The client broke rule <paramref name="requirementId"/>; a strict implementation reports every case it detects (D12).</summary>
    void MisuseDetected(string requirementId, string detail);

    /// <summary>Intake stopped for good; <paramref name="requirementId"/> names the ring rule for malformed input.</summary>
    void IntakeStopped(IntakeStopReason reason, string? requirementId, string detail);

    /// <summary>A packet that is never presented (completion 0xB, cancel 0xA) was consumed (R-PP-16, D9).</summary>
    void NonDataPacketConsumed(PacketType type, ulong transactionId);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullChannelObserver : IChannelObserver
{
    /// <summary>The one instance.</summary>
    public static readonly NullChannelObserver Instance = new();

    private NullChannelObserver() { }

    /// <inheritdoc />
    public void MisuseDetected(string requirementId, string detail) { }

    /// <inheritdoc />
    public void IntakeStopped(IntakeStopReason reason, string? requirementId, string detail) { }

    /// <inheritdoc />
    public void NonDataPacketConsumed(PacketType type, ulong transactionId) { }
}

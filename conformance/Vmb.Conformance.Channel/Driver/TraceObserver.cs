using Vmb.Conformance.Tracing;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Driver;

/// <summary>Turns the implementation's diagnostics into trace events.</summary>
internal sealed class TraceObserver(ScenarioDriver driver) : IChannelObserver
{
    public void MisuseDetected(string requirementId, string detail) =>
        driver.Record(new TraceEvent { Kind = TraceKind.MisuseReported, Id = requirementId, Detail = detail });

    public void IntakeStopped(IntakeStopReason reason, string? requirementId, string detail) =>
        driver.Record(new TraceEvent { Kind = TraceKind.IntakeStopped, Id = requirementId, Detail = $"{reason}: {detail}", Value = (long)reason });

    public void NonDataPacketConsumed(PacketType type, ulong transactionId) =>
        driver.Record(new TraceEvent { Kind = TraceKind.NonDataConsumed, Status = (int)type, TransactionId = transactionId });
}

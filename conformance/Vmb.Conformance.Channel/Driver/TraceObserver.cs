using Vmb.Conformance.Tracing;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Driver;

/// <summary>Turns the implementation's diagnostics into trace events.</summary>
internal sealed class TraceObserver(ScenarioDriver driver) : IChannelObserver
{
    public void MisuseDetected(string requirementId, string detail) =>
        driver.Record(new MisuseReported { Rule = requirementId, Detail = detail });

    public void IntakeStopped(IntakeStopReason reason, string? requirementId, string detail) =>
        driver.Record(new IntakeStopped { Reason = reason, Rule = requirementId, Detail = detail });

    public void NonDataPacketConsumed(PacketType type, ulong transactionId) =>
        driver.Record(new NonDataConsumed { PacketType = type, TransactionId = transactionId });
}

using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>A packet the harness read back from the implementation's writer, next to what was asked for.</summary>
/// <param name="Step">The harness read.</param>
/// <param name="Expected">The write the model says this is.</param>
/// <param name="Bytes">What the harness found (descriptor to padding).</param>
internal sealed record ReadBack(RingStep Step, ModelPacket Expected, byte[] Bytes)
{
    public PacketDescriptor Found => PacketDescriptor.Read(Bytes);
}

/// <summary>Writer role: the packets the harness read, paired with the writes they should be.</summary>
internal static class WrittenPackets
{
    public static IEnumerable<ReadBack> Of(RingRun run) =>
        RingModel.Writer(run).Where(f => f.Read is not null && f.Step.PacketBytes is not null && !f.Overrun)
            .Select(f => new ReadBack(f.Step, f.Read!, f.Step.PacketBytes!));
}

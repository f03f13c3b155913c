using Vmb.Conformance.Engine;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>
/// R-MAL-10, judged on adversarial probes (D15): while the mutator switched a packet between its whole and its split
/// version, every packet the reader returned is exactly one version — the descriptor it validated, the length it
/// handed on and the bytes it copied all belong to the same one — and the read_index it publishes never passes the
/// end of what the descriptors it validated frame. A mix (validate one version, use the other) is a second fetch.
/// </summary>
internal sealed class SingleFetchCheck : RingCheck
{
    /// <inheritdoc />
    public override string RequirementId => "R-MAL-10";

    /// <inheritdoc />
    public override RingRole? Role => RingRole.Reader;

    /// <summary>Adversarial probes only.</summary>
    public override bool Judges(RingRun run) => AttachedOfRole(run) && run.Scenario.Mutator is not null;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(RingRun run)
    {
        var size = run.Scenario.DataSize;
        // The newest switched packet that starts, or whose filler starts, at each offset.
        var switched = new Dictionary<int, SwitchedPacket>();
        int? validatedEnd = null;
        var exercised = false;
        foreach (var step in run.Steps)
        {
            if (!step.ByImplementation)
            {
                if (step.Switched is { } written) switched[written.At] = switched[written.FillerAt(size)] = written;
                continue;
            }
            if (step.Outcome == StepOutcome.Packet && step.Packet is { } packet && switched.TryGetValue(packet.RingOffset, out var there))
            {
                // Exercised by reading a switched packet, whether or not the thread raced this read (RingStep.Switches says), so
                // the verdict and its counts are the same in process and through the protocol (D28).
                exercised = true;
                if (Mixed(there, packet, step.PacketBytes ?? [], size) is { } why) return CheckOutcome.Fail(why, step.Index);
                validatedEnd = (packet.RingOffset + packet.Descriptor.TotalLength) % size;
            }
            var published = step.Field(ControlPage.ReadIndexOffset);
            if (published != ControlPage.Read(run.ControlBefore(step.Index), ControlPage.ReadIndexOffset) && published != validatedEnd)
                return CheckOutcome.Fail($"published read_index {published}, but the packets whose descriptors it validated end at {validatedEnd?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "its start"}", step.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }

    // Why the returned packet is not exactly one version, or null when it is.
    private static string? Mixed(SwitchedPacket switched, Spec.Spi.RingPacket packet, byte[] bytes, int size)
    {
        var validated = packet.Descriptor;
        if (packet.Length != validated.Length)
            return $"validated a descriptor with len8 {validated.Len8} ({validated.Length} bytes) but handed on {packet.Length} bytes: the length was fetched again from shared memory after the mutator switched it";
        if (bytes.Length >= WireConstants.DescriptorSize && PacketDescriptor.Read(bytes) is var copied && copied != validated)
            return $"validated a descriptor with len8 {validated.Len8} but the descriptor it handed on says len8 {copied.Len8}: it was fetched again from shared memory after the mutator switched it";
        if (switched.Expected(packet.RingOffset, validated, size) is not { } expected)
            return $"validated a descriptor with len8 {validated.Len8} at {packet.RingOffset}, which neither version the mutator switched between holds there";
        return expected.AsSpan().SequenceEqual(bytes) ? null
            : $"handed on bytes at {packet.RingOffset} that differ from the version whose descriptor (len8 {validated.Len8}) it validated";
    }
}

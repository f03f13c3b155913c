using Vmb.Conformance.Engine;
using Vmb.Conformance.Peer;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// Runs a ring scenario against an <see cref="IRingImplementation"/> over native memory. The harness plays the
/// other side with its own small ring code (<see cref="PeerRing"/> and <see cref="RingPacketBytes"/>), built on
/// Vmb.Spec's layout helpers and deliberately never on Vmb.Ring (D16: an oracle must not share code with what it
/// judges). Every step records the control page and data area afterwards, and the signals the implementation
/// raised during it, each with the control page at that moment (D25). Operations the implementation's side does
/// not declare (Revert without <see cref="RingCapabilities.Revert"/>, the mask calls without
/// <see cref="RingCapabilities.InterruptMaskApi"/>) are recorded as skipped, never called.
/// </summary>
internal static class RingDriver
{
    /// <summary>Runs <paramref name="scenario"/> once.</summary>
    /// <remarks>
    /// An <see cref="IRemoteRing"/> lends the ring memory (a file both processes map); any other implementation works on
    /// native memory of the harness's. A remote implementation lost during the scenario (no answer, exit, protocol
    /// violation) ends it at that operation: the steps before it are kept and judged (D24).
    /// </remarks>
    public static RingRun Run(IRingImplementation implementation, RingScenario scenario)
    {
        var regionSize = RingLayout.RegionSize(scenario.DataSize);
        if (implementation is not IRemoteRing remote)
        {
            using var buffer = new NativeBuffer(regionSize);
            return Run(implementation, scenario, buffer.Region, null);
        }
        IRingSession session;
        try
        {
            session = remote.Open(regionSize);
        }
        catch (ImplementationLostException e)
        {
            var name = $"{implementation.Name} {implementation.Version}";
            return new RingRun(scenario, name, new byte[WireConstants.ControlPageSize], [], null)
                { Declared = Side(implementation, scenario.Role), Lost = new RingLoss(e.Outcome, $"mapping the ring: {e.Message}", -1) };
        }
        RingRun run;
        using (session) run = Run(implementation, scenario, session.Region, session);
        return run with { Diagnostics = session.Diagnostics };
    }

    // The bytes now, or the previous snapshot when they are the same: snapshots are never written to after they are taken.
    private static byte[] Snapshot(ReadOnlySpan<byte> now, byte[] previous) => now.SequenceEqual(previous) ? previous : now.ToArray();

    private static RingCapabilities Side(IRingImplementation implementation, RingRole role) =>
        role == RingRole.Writer ? implementation.WriterCapabilities : implementation.ReaderCapabilities;

    private static RingRun Run(IRingImplementation implementation, RingScenario scenario, MemoryRegion region, IRingSession? session)
    {
        var size = scenario.DataSize;
        var ring = new PeerRing(region);
        ring.WriteIndex = (uint)scenario.StartIndex;
        ring.ReadIndex = (uint)scenario.StartIndex;
        ring.Write(ControlPage.FeatureBitsOffset, ControlPage.FeaturePendingSendSize);
        if (scenario.Role == RingRole.Reader && scenario.InitiallyMasked) ring.Write(ControlPage.InterruptMaskOffset, 1);
        var fresh = scenario.Role == RingRole.Writer && scenario.Attach == RingAttach.Fresh;
        if (fresh) Dirty(ring, size);
        if (scenario.Attach == RingAttach.CorruptIndex)
            ring.ReadIndex = scenario.StartIndex % 16 == 0 ? (uint)size + (uint)scenario.StartIndex : (uint)scenario.StartIndex + 4;
        var name = $"{implementation.Name} {implementation.Version}";
        var declared = Side(implementation, scenario.Role);
        IRingWriter? writer = null;
        IRingReader? reader = null;
        // The doorbell snapshots the control page when it rings, so a signal is judged against the ring as it was then.
        var signals = new List<byte[]>();
        void Ring() => signals.Add(RingLayout.ControlPage(region).Span.ToArray());
        try
        {
            if (scenario.Role == RingRole.Writer) writer = implementation.CreateWriter(region, initialize: fresh, Ring);
            else reader = implementation.CreateReader(region, Ring);
        }
        catch (ImplementationLostException e)
        {
            return new RingRun(scenario, name, RingLayout.ControlPage(region).Span.ToArray(), [], null)
                { Declared = declared, Lost = new RingLoss(e.Outcome, $"attaching the {scenario.Role.ToString().ToLowerInvariant()}: {e.Message}", -1) };
        }
        catch (Exception e)
        {
            return new RingRun(scenario, name, RingLayout.ControlPage(region).Span.ToArray(), [], $"{e.GetType().Name}: {e.Message}")
                { AttachRefusedAsCorrupt = e is RingFormatException, Declared = declared };
        }
        var initial = RingLayout.ControlPage(region).Span.ToArray();
        if (scenario.Attach == RingAttach.CorruptIndex) return new RingRun(scenario, name, initial, [], null) { Declared = declared };
        var peer = new Peer(ring, scenario.EffectiveStart);
        var ops = scenario.DrivenOps;
        var steps = new List<RingStep>(ops.Count);
        // A probe's mutator switches a split write's versions from its publication through the reads that follow (D15).
        using var mutator = scenario.Mutator is { } m && scenario.Role == RingRole.Reader ? Mutator(session, RingLayout.DataArea(region), m.Seed) : null;
        var switched = new List<SwitchedPacket>();
        // Consecutive steps share a snapshot the step did not change: a read leaves the data area as it was, and most
        // runs are long enough for a copy of both pages per step to be most of the harness's work.
        byte[] control = initial, data = [];
        var raced = 0;
        for (var i = 0; i < ops.Count; i++)
        {
            var op = peer.Resolve(ops[i], scenario.Role);
            // Switched packets published since the last read start moving when the reader starts on them, and stop before anything else.
            if (op.Kind == RingOpKind.Read) { if (switched.Count > 0) mutator?.Arm([.. switched]); else mutator?.AwaitSwitching(); }
            if (op.Kind != RingOpKind.Read) mutator?.Release();
            if (op.Kind == RingOpKind.Read) switched.Clear();
            if (op.Kind == RingOpKind.Write && scenario.Role == RingRole.Reader) mutator?.LetGo(peer.Position, RingPacketBytes.Total(op));
            var switchesBefore = mutator?.Switches;
            signals.Clear();
            var readBefore = ring.ReadIndex;
            RingStep step;
            try
            {
                step = !Declares(declared, scenario.Role, op.Kind) ? Blank(false, StepOutcome.Skipped)
                    : writer is not null ? WriterRoleStep(writer, peer, op) : ReaderRoleStep(reader!, peer, op);
            }
            catch (ImplementationLostException e)
            {
                // The implementation is gone: the scenario ends here, and the steps before it are still judged (D24).
                return new RingRun(scenario, name, initial, steps, null)
                    { Declared = declared, Lost = new RingLoss(e.Outcome, $"operation {i} ({op.Kind}): {e.Message}", i) };
            }
            var switches = step.ByImplementation ? mutator?.Switches - switchesBefore : null;
            steps.Add(step with
            {
                Index = i, Op = op, Signals = signals.ToArray(), Switches = switches,
                Control = control = Snapshot(RingLayout.ControlPage(region).Span, control),
                Data = data = Snapshot(RingLayout.DataArea(region).Span, data),
            });
            // The peer writer trusts read_index only as the implementation publishes it — in a commit or, for a reader
            // that does not stage, in a read — never its own scribbles (a commit with nothing consumed leaves one in place).
            if (step.ByImplementation && scenario.Role == RingRole.Reader && ring.ReadIndex != readBefore && ring.ReadIndex != peer.Scribbled)
                peer.KnownReadIndex = ring.ReadIndex;
            if (scenario.Role == RingRole.Writer) peer.Follow(op, step.Outcome, ring.WriteIndex);
            if (step.Switched is { } published) switched.Add(published);
            if (op.Kind == RingOpKind.Read && switches > 0) raced++;
            // A probe ends with the round in which enough reads raced the mutator (D15).
            if (scenario.Mutator is { RacedReads: > 0 } probe && raced >= probe.RacedReads && (i + 1) % scenario.Ops.Count == 0) break;
        }
        return new RingRun(scenario, name, initial, steps, null) { Declared = declared };
    }

    // A remote reader is raced by the harness's thread while it waits for the answer, where the session allows it; any
    // other reader runs on the harness's thread and is raced by a thread of its own.
    private static IProbeMutator Mutator(IRingSession? session, MemoryRegion dataArea, ulong seed) =>
        (IProbeMutator?)(session is IWaitingRingSession waiting ? WaitingMutator.TryStart(waiting, dataArea, seed) : null) ?? new MutatorThread(dataArea, seed);

    /// <summary>False for an operation the implementation's side has not declared (D25): the harness never calls it.</summary>
    private static bool Declares(RingCapabilities declared, RingRole role, RingOpKind kind) => kind switch
    {
        RingOpKind.Revert => declared.HasFlag(RingCapabilities.Revert),
        RingOpKind.Mask or RingOpKind.Unmask when role == RingRole.Reader => declared.HasFlag(RingCapabilities.InterruptMaskApi),
        _ => true,
    };

    /// <summary>A control page left over from an earlier life: a creator must set every defined field (R-RING-12).</summary>
    private static void Dirty(PeerRing ring, int size)
    {
        ring.WriteIndex = (uint)(size - 8);
        ring.ReadIndex = (uint)(size - 16);
        ring.Write(ControlPage.PendingSendSizeOffset, 4088);
        ring.Write(ControlPage.FeatureBitsOffset, 0);
    }

    private static RingStep Blank(bool byImplementation, StepOutcome outcome) =>
        new(0, new RingOp(), byImplementation, outcome, [], [], null, null, null, 0, null, -1);

    private static RingStep WriterRoleStep(IRingWriter writer, Peer peer, RingOp op)
    {
        switch (op.Kind)
        {
            case RingOpKind.Write:
                return Guard(() =>
                {
                    var status = writer.TryWrite(op.Type, RingPacketBytes.Flags(op), op.Tid, RingPacketBytes.Header(op), RingPacketBytes.Payload(op));
                    return Blank(true, StepOutcomes.Of(status));
                });
            case RingOpKind.Commit:
                return Guard(() => { writer.Commit(); return Blank(true, StepOutcome.Committed); });
            case RingOpKind.Revert:
                return Guard(() => { writer.Revert(); return Blank(true, StepOutcome.Reverted); });
            case RingOpKind.Read:
                return peer.ReadOne();
            case RingOpKind.CorruptReadIndex:
                peer.CorruptReadIndex();
                return Blank(false, StepOutcome.PeerCorruptedR);
            case RingOpKind.Mask or RingOpKind.Unmask:
                peer.Ring.Write(ControlPage.InterruptMaskOffset, op.Kind == RingOpKind.Mask ? 1u : 0u);
                return Blank(false, op.Kind == RingOpKind.Mask ? StepOutcome.PeerMasked : StepOutcome.PeerUnmasked);
            default:
                return Blank(false, StepOutcome.Skipped);
        }
    }

    private static RingStep ReaderRoleStep(IRingReader reader, Peer peer, RingOp op)
    {
        switch (op.Kind)
        {
            case RingOpKind.Write:
                return peer.WriteOne(op);
            case RingOpKind.Read:
                return Guard(() =>
                {
                    var destination = peer.Destination(op.Destination == 0 ? peer.Ring.Size : op.Destination);
                    var status = reader.TryRead(destination, out var packet, out var error, out var required);
                    return Blank(true, StepOutcomes.Of(status)) with
                    {
                        Packet = status == RingReadStatus.Packet ? packet : null,
                        PacketBytes = status == RingReadStatus.Packet ? destination[..Math.Min(packet.Length, destination.Length)].ToArray() : null,
                        Error = error, RequiredSize = required,
                    };
                });
            case RingOpKind.Commit:
                return Guard(() => { reader.Commit(); return Blank(true, StepOutcome.Committed); });
            case RingOpKind.Revert:
                return Guard(() => { reader.Revert(); return Blank(true, StepOutcome.Reverted); });
            case RingOpKind.Mask:
                return Guard(() => { reader.MaskInterrupts(); return Blank(true, StepOutcome.Masked); });
            case RingOpKind.Unmask:
                return Guard(() => Blank(true, StepOutcome.Unmasked) with { Waiting = reader.UnmaskInterrupts() });
            case RingOpKind.SetPending:
                peer.Ring.Write(ControlPage.PendingSendSizeOffset, op.Pending);
                return Blank(false, StepOutcome.PeerSetPending);
            case RingOpKind.ClobberReadIndex:
                peer.Ring.ReadIndex = op.Pending;
                peer.Scribbled = op.Pending;
                return Blank(false, StepOutcome.PeerClobbered);
            default:
                return Blank(false, StepOutcome.Skipped);
        }
    }

    private static RingStep Guard(Func<RingStep> act)
    {
        try { return act(); }
        catch (RingFormatException e) { return Blank(true, StepOutcome.RingFormatError) with { Error = e.Error }; }
        catch (UnsupportedRingOperationException) { return Blank(false, StepOutcome.Unsupported); }
        catch (Exception e) when (e is not ImplementationLostException) { return Blank(true, StepOutcome.Threw) with { Exception = $"{e.GetType().Name}: {e.Message}" }; }
    }

    /// <summary>The harness's side of the ring: its own indices, never the implementation's code.</summary>
    private sealed class Peer(PeerRing ring, int start)
    {
        private int _position = start;
        private bool _poisoned;
        private byte[] _destination = [];

        /// <summary>
        /// Reader role: a zeroed buffer of <paramref name="length"/> bytes for one read, as a new array would be; one array
        /// serves every read of the run, since a ring-sized buffer per read was much of a reader run's garbage.
        /// </summary>
        public Span<byte> Destination(int length)
        {
            if (_destination.Length < length) _destination = new byte[length];
            var span = _destination.AsSpan(0, length);
            span.Clear();
            return span;
        }

        /// <summary>Reader role: where the peer writes its next packet.</summary>
        public int Position => _position;

        public PeerRing Ring { get; } = ring;

        /// <summary>Reader role: read_index as the implementation last published it (the peer ignores scribbles).</summary>
        public uint KnownReadIndex { get; set; } = (uint)start;

        /// <summary>Reader role: the last value the peer scribbled on read_index (R-MAL-12), if any.</summary>
        public uint? Scribbled { get; set; }

        private int _writerStaged = start, _writerPublished = start;

        /// <summary>
        /// Writer role: follow the implementation's staged W from its outcomes, to size Slack writes; what it has
        /// published is read off write_index, whatever its shape (D25).
        /// </summary>
        public void Follow(RingOp op, StepOutcome outcome, uint writeIndex)
        {
            switch (op.Kind)
            {
                case RingOpKind.Write when outcome == StepOutcome.Written:
                    _writerStaged = Ring.Advance(_writerStaged, RingPacketBytes.Total(op));
                    break;
                case RingOpKind.Revert when outcome == StepOutcome.Reverted: _writerStaged = _writerPublished; break;
            }
            if (writeIndex < Ring.Size && writeIndex % WireConstants.Alignment == 0) _writerPublished = (int)writeIndex;
        }

        /// <summary>Fixes the payload of a Slack write from the free space right now; other ops pass unchanged.</summary>
        public RingOp Resolve(RingOp op, RingRole role)
        {
            if (op.Kind != RingOpKind.Write || op.Slack is not { } slack) return op;
            var free = role == RingRole.Writer
                ? Ring.Free((uint)_writerStaged, Ring.ReadIndex)
                : Ring.Free((uint)_position, KnownReadIndex);
            var header = RingPacketBytes.HeaderLength(op);
            var payload = free - WireConstants.Alignment * slack - WireConstants.TrailerSize - WireConstants.DescriptorSize - header;
            // The trace records the concrete payload; the scenario keeps the Slack so a replay sizes it the same way.
            return op with { Payload = Math.Clamp(payload, 0, RingPacketBytes.MaxPayload(op.Type, op.Ranges, Ring.Size)), Slack = null };
        }

        /// <summary>Writer role: read one packet at the harness's R and publish the new R.</summary>
        public void CorruptReadIndex() =>
            Ring.ReadIndex = _position % 16 == 0 ? (uint)(Ring.Size + _position) : (uint)_position + 4;

        public RingStep ReadOne()
        {
            Ring.ReadIndex = (uint)_position; // undoes a CorruptReadIndex
            var w = Ring.WriteIndex;
            if (w >= Ring.Size || w % WireConstants.Alignment != 0) return Blank(false, StepOutcome.PeerSawCorruptW);
            if (w == _position) return Blank(false, StepOutcome.PeerEmpty);
            var used = Ring.Used(w, (uint)_position);
            Span<byte> head = stackalloc byte[WireConstants.DescriptorSize];
            if (used < WireConstants.MinPacketTotal) return Blank(false, StepOutcome.PeerUnparseable);
            Ring.CopyOut(_position, head);
            var d = PacketDescriptor.Read(head);
            if (d.Offset8 < 2 || d.Len8 < d.Offset8 || d.TotalLength > used) return Blank(false, StepOutcome.PeerUnparseable);
            var bytes = new byte[d.Length];
            Ring.CopyOut(_position, bytes);
            var at = _position;
            _position = Ring.Advance(_position, d.TotalLength);
            Ring.ReadIndex = (uint)_position;
            return Blank(false, StepOutcome.PeerRead) with { PacketBytes = bytes, PeerStart = at };
        }

        /// <summary>Reader role: write one packet (spoiled as the op says) and publish W.</summary>
        public RingStep WriteOne(RingOp op)
        {
            if (_poisoned) return Blank(false, StepOutcome.Skipped);
            var image = Spoil(op, RingPacketBytes.Image(op), out var publishShort);
            var total = image.Length + WireConstants.TrailerSize;
            if (Ring.Free((uint)_position, KnownReadIndex) <= total) return Blank(false, StepOutcome.PeerFull);
            var at = _position;
            switch (op.Fault)
            {
                case RingFault.CorruptWriteIndex:
                    Ring.WriteIndex = op.Tid % 2 == 0 ? (uint)Ring.Size + (uint)(8 * (op.Tid % 4)) : (uint)(_position + 4);
                    _poisoned = true;
                    return Blank(false, StepOutcome.PeerWrote) with { PeerStart = at };
                case RingFault.Truncated:
                    var part = op.Tid % 2 == 0 ? 8 : 16;
                    Ring.CopyIn(_position, image.AsSpan(0, part));
                    Ring.WriteIndex = (uint)Ring.Advance(_position, part);
                    _poisoned = true;
                    return Blank(false, StepOutcome.PeerWrote) with { PeerStart = at };
            }
            var switched = op.Split > 0 && op.Fault == RingFault.None ? SwitchedPacket.Build(op, _position, Ring.Size) : null;
            if (switched is not null) image = switched.Image;
            Ring.CopyIn(_position, image);
            Span<byte> trailer = stackalloc byte[WireConstants.TrailerSize];
            var trailerAt = Ring.Advance(_position, image.Length);
            Trailer.Write(trailer, op.Fault == RingFault.WrongTrailer ? (uint)(trailerAt ^ 0x5A5A8) : (uint)_position);
            Ring.CopyIn(trailerAt, trailer);
            _position = publishShort ? trailerAt : Ring.Advance(_position, total);
            Ring.WriteIndex = (uint)_position;
            if (RingFaults.Malforms(op.Fault)) _poisoned = true;
            return Blank(false, StepOutcome.PeerWrote) with { PeerStart = at, Switched = switched };
        }

        private static byte[] Spoil(RingOp op, byte[] image, out bool publishShort)
        {
            publishShort = op.Fault == RingFault.MissingTrailer;
            var d = PacketDescriptor.Read(image);
            switch (op.Fault)
            {
                case RingFault.Offset8BelowTwo: d = d with { Offset8 = (ushort)(op.Tid % 2) }; break;
                case RingFault.Len8BelowOffset8: d = d with { Offset8 = (ushort)(d.Len8 + 1) }; break;
                case RingFault.UndefinedFlag: d = d with { Flags = (ushort)(d.Flags | (1 << (1 + (int)(op.Tid % 15)))) }; break;
                case RingFault.UnknownType: d = d with { Type = UnknownTypes[(int)(op.Tid % (ulong)UnknownTypes.Length)] }; break;
                case RingFault.RangeTypeShortOffset: d = d with { Offset8 = 2 }; break;
                case RingFault.GpaWithoutRanges:
                    image.AsSpan(RangeHeaders.RangeCountOffset, 4).Clear();
                    break;
                case RingFault.GarbagePadding:
                    image.AsSpan(d.DataOffset + op.Payload).Fill(0xA5);
                    return image;
                default:
                    return image;
            }
            d.Write(image);
            return image;
        }

        private static readonly ushort[] UnknownTypes = [0x0, 0x1, 0x5, 0x8, 0xC, 0x20];
    }
}

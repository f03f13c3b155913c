using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>A packet the model expects at a ring offset.</summary>
/// <param name="Start">Data-area offset of its descriptor.</param>
/// <param name="Op">The write that produced it.</param>
internal sealed record ModelPacket(int Start, RingOp Op)
{
    public PacketDescriptor Descriptor => RingPacketBytes.Descriptor(Op);

    public int Total => Descriptor.TotalLength;

    /// <summary>True when descriptor, header or payload crosses the end of the data area (R-RING-8).</summary>
    public bool Straddles(int size) => Start + Descriptor.Length > size;

    /// <summary>True when the packet, its trailer included, runs past the end: the index that passes it wraps (R-RING-8).</summary>
    public bool RunsPastEnd(int size) => Start + Total > size;
}

/// <summary>Writer role: what the model expected at one step, following the implementation's actual outcomes.</summary>
/// <remarks><c>Overrun</c>: an earlier write was accepted without room (R-RING-7's verdict); ring contents are undefined from there on.</remarks>
/// <remarks><c>FreeBefore</c> is −1 when the read_index the writer would load was corrupt.</remarks>
/// <remarks><c>PublishedBefore</c> is the write_index the writer had published before the step, as the control page showed it.</remarks>
internal sealed record WriterFact(RingStep Step, int FreeBefore, uint PublishedBefore, uint StagedBefore, bool StagedAny, ModelPacket? Read, bool Overrun)
{
    /// <summary>True when the step moved write_index: a publication, whatever the writer's shape (D25).</summary>
    public bool Published => Step.ByImplementation && Step.Field(ControlPage.WriteIndexOffset) != PublishedBefore;
}

/// <summary>What a correct reader returns for one read.</summary>
/// <remarks><c>Either</c>: a packet only a strict reader must reject (errata E-24), met by a reader that does not declare
/// strict-reader; it may reject it or return it, and the model follows what it did.</remarks>
internal enum ExpectedRead { Empty, Packet, TooSmall, Malformed, Either }

/// <summary>Reader role: what the model expected at one step.</summary>
/// <remarks><c>Committed</c> and <c>CommittedAfter</c>: the position the reader had published before and should have
/// published after the step — in a Commit when it stages, in each read when it does not (D25).</remarks>
internal sealed record ReaderFact(
    RingStep Step, ExpectedRead Expected, ModelPacket? Next, int Position, int Committed, bool Masked, bool AfterClobber, bool FirstAtFault, bool Poisoned)
{
    public int CommittedAfter { get; init; } = Committed;
}

/// <summary>
/// The model of a correct ring endpoint, replayed over a run's steps. It follows what the implementation
/// actually did (a wrongly refused write is not staged, a packet a lenient reader accepted is consumed), so each
/// check judges one decision at a time. It is shape-neutral (D25): the writer's publications are read off
/// write_index after each step, and a reader that does not stage publishes with every packet it returns.
/// </summary>
internal static class RingModel
{
    public static int Used(int size, long w, long r) => w >= r ? (int)(w - r) : size - (int)(r - w);

    /// <summary>The descriptor at <paramref name="start"/> of a data area, read across its end where it wraps (R-RING-8).</summary>
    public static PacketDescriptor DescriptorAt(byte[] data, int start)
    {
        Span<byte> head = stackalloc byte[WireConstants.DescriptorSize];
        for (var i = 0; i < head.Length; i++) head[i] = data[(start + i) % data.Length];
        return PacketDescriptor.Read(head);
    }

    /// <summary>Writer role: what the model expected at each step of <paramref name="run"/>, replayed once and shared by every check that walks them.</summary>
    public static IReadOnlyList<WriterFact> Writer(RingRun run)
    {
        var memo = RunMemo.Of(run);
        return memo.Writer ??= ReplayWriter(run);
    }

    private static List<WriterFact> ReplayWriter(RingRun run)
    {
        var size = run.Scenario.DataSize;
        var facts = new List<WriterFact>(run.Steps.Count);
        uint published = (uint)run.Scenario.EffectiveStart, staged = published;
        var stagedPackets = new List<ModelPacket>();
        var committed = new Queue<ModelPacket>();
        var overrun = false;
        foreach (var step in run.Steps)
        {
            var r = ControlPage.Read(run.ControlBefore(step.Index), ControlPage.ReadIndexOffset);
            // A corrupt R (R-MAL-15's business) gives no free space to judge against.
            var free = r < size && r % WireConstants.Alignment == 0 ? size - Used(size, staged, r) : -1;
            ModelPacket? read = null;
            var fact = new WriterFact(step, free, published, staged, stagedPackets.Count > 0, null, overrun);
            switch (step.Op.Kind)
            {
                case RingOpKind.Write when step.Outcome == StepOutcome.Written:
                    overrun |= free <= RingPacketBytes.Total(step.Op); // also when written over a corrupt R
                    stagedPackets.Add(new ModelPacket((int)staged, step.Op));
                    staged = (uint)((staged + RingPacketBytes.Total(step.Op)) % size);
                    break;
                case RingOpKind.Revert when step.Outcome == StepOutcome.Reverted:
                    stagedPackets.Clear();
                    staged = published;
                    break;
                case RingOpKind.Read when step.Outcome == StepOutcome.PeerRead && committed.Count > 0:
                    read = committed.Dequeue();
                    break;
            }
            if (step.ByImplementation && step.Outcome != StepOutcome.Threw) published = Publish(step.Field(ControlPage.WriteIndexOffset), published, size, stagedPackets, committed);
            facts.Add(fact with { Read = read });
        }
        return facts;
    }

    // The packets a new write_index publishes: those it passes, in order, when it lands on a packet boundary.
    private static uint Publish(uint w, uint published, int size, List<ModelPacket> staged, Queue<ModelPacket> committed)
    {
        if (w == published) return published;
        var at = published;
        for (var n = 0; n < staged.Count; n++)
        {
            at = (uint)((at + staged[n].Total) % size);
            if (at != w) continue;
            foreach (var p in staged.Take(n + 1)) committed.Enqueue(p);
            staged.RemoveRange(0, n + 1);
            break;
        }
        return w;
    }

    /// <summary>Reader role: what the model expected at each step of <paramref name="run"/>, replayed once and shared by every reader check.</summary>
    public static IReadOnlyList<ReaderFact> Reader(RingRun run)
    {
        var memo = RunMemo.Of(run);
        return memo.Reader ??= ReplayReader(run);
    }

    private static List<ReaderFact> ReplayReader(RingRun run)
    {
        var facts = new List<ReaderFact>(run.Steps.Count);
        var written = new List<ModelPacket>();
        var stages = run.Declared.HasFlag(RingCapabilities.StagedPublication);
        var strict = run.Declared.HasFlag(RingCapabilities.StrictReader);
        var lenientOutcome = new Dictionary<ModelPacket, ExpectedRead>();
        int position = run.Scenario.EffectiveStart, committed = position, next = 0, committedNext = 0;
        bool masked = run.Scenario.InitiallyMasked, clobbered = false;
        var faultSeen = false;
        ModelPacket? corrupt = null;
        foreach (var step in run.Steps)
        {
            var op = step.Op;
            // A corrupt W (R-MAL-1) spoils the whole ring at once, not just the packet it follows.
            var packet = corrupt ?? (next < written.Count ? written[next] : null);
            var expected = packet is null ? ExpectedRead.Empty
                : RingFaults.Malforms(packet.Op.Fault) && (strict || !RingFaults.StrictOnly(packet.Op.Fault)) ? ExpectedRead.Malformed
                : RingFaults.Malforms(packet.Op.Fault) ? lenientOutcome.GetValueOrDefault(packet, ExpectedRead.Either)
                : op.Destination != 0 && op.Destination < packet.Descriptor.Length ? ExpectedRead.TooSmall
                : ExpectedRead.Packet;
            var first = op.Kind == RingOpKind.Read && expected == ExpectedRead.Malformed && !faultSeen;
            var fact = new ReaderFact(step, expected, packet, position, committed, masked, clobbered, first, faultSeen);
            switch (op.Kind)
            {
                case RingOpKind.Write when step.Outcome == StepOutcome.PeerWrote:
                    written.Add(new ModelPacket(step.PeerStart, op));
                    if (op.Fault == RingFault.CorruptWriteIndex) corrupt = written[^1];
                    break;
                case RingOpKind.Read:
                    // A lenient reader's first answer to a strict-only fault decides how the model goes on.
                    if (expected == ExpectedRead.Either && step.Outcome == StepOutcome.Malformed) expected = lenientOutcome[packet!] = ExpectedRead.Malformed;
                    if (expected == ExpectedRead.Either && step.Outcome == StepOutcome.Packet && step.Packet?.RingOffset == packet!.Start)
                        expected = lenientOutcome[packet] = ExpectedRead.Packet;
                    if (expected == ExpectedRead.Malformed) faultSeen = true;
                    if (expected == ExpectedRead.Packet && step.Outcome == StepOutcome.Packet)
                    {
                        position = (position + packet!.Total) % run.Scenario.DataSize;
                        next++;
                        if (!stages) (committed, committedNext, clobbered) = (position, next, false);
                    }
                    break;
                case RingOpKind.Commit:
                    if (position != committed) clobbered = false; // an empty commit leaves the scribble in place
                    committed = position;
                    committedNext = next;
                    break;
                case RingOpKind.Revert when step.Outcome == StepOutcome.Reverted:
                    position = committed;
                    next = committedNext;
                    break;
                case RingOpKind.Mask when step.Outcome != StepOutcome.Skipped: masked = true; break;
                case RingOpKind.Unmask when step.Outcome != StepOutcome.Skipped: masked = false; break;
                case RingOpKind.ClobberReadIndex: clobbered = true; break;
            }
            facts.Add(fact with { CommittedAfter = committed });
        }
        return facts;
    }
}

using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings.Checks;

/// <summary>The situations of a read that a reader rule speaks about; several can meet at one read.</summary>
[Flags]
internal enum ReadCondition
{
    None = 0,
    Wraps = 1,              // R-RING-8
    Largest = 2,            // R-DESC-13
    MaskedAtAttach = 4,     // R-RING-14
    GarbagePadding = 8,     // R-DESC-5 (R-DESC-16 cannot be told apart from it, E-42)
    WrongTrailer = 16,      // R-MAL-11
    SmallDestination = 64,  // R-MAL-14
    MalformedPacket = 128,  // R-MAL-1…8
    WriterBehind = 256,     // R-RING-6: write_index is behind the read position (the unread bytes wrap)
    EmptyPayload = 512,     // R-DESC-5: len8 = offset8, a packet with nothing after its header
}

/// <summary>
/// Which conditions met at each read of a scenario, and which of them the reader was seen to handle (a read that met
/// the condition and had something to return went as the model expects). A wrong outcome where several conditions
/// meet is evidence against one of them only when the scenario shows the reader handling each of the others;
/// otherwise any of them could explain it, and no rule is named there (E-38). Once a wrong outcome could not be laid
/// on one condition, the reads after it are not judged by these rules either: the reader has already gone wrong there,
/// and a later misread is no evidence of its own. The reads that separate the conditions still judge each of them, and
/// a bug that shows only where two handled conditions meet fails both rules.
/// </summary>
internal sealed class ReadConditions
{
    // What can explain a malformed packet taken as a packet: the fault itself (reading elsewhere, after read_index was
    // overwritten, is R-MAL-12's, which the reader rules presume).
    private const ReadCondition ExplainsAcceptance = ReadCondition.MalformedPacket;

    // What can explain a malformed packet not seen at all (and what a right rejection shows handled): the reader was not looking there.
    private const ReadCondition ExplainsMissing = ExplainsAcceptance | ReadCondition.MaskedAtAttach | ReadCondition.WriterBehind;

    private readonly Dictionary<int, ReadCondition> _at = new();
    private readonly ReadCondition _handled;
    private readonly int _unresolvedAt = int.MaxValue;
    private readonly int _plainMisreadAt = int.MaxValue;

    private ReadConditions(RingRun run, IReadOnlyList<ReaderFact> facts)
    {
        var size = run.Scenario.DataSize;
        var largest = WireConstants.MaxTotalForRing(size);
        var maskedAtAttach = run.Scenario.InitiallyMasked;
        var wrong = new List<ReaderFact>();
        foreach (var f in facts)
        {
            var step = f.Step;
            if (step.Op.Kind == RingOpKind.Unmask && step.Outcome != StepOutcome.Skipped) maskedAtAttach = false;
            if (step.Op.Kind != RingOpKind.Read) continue;
            var c = ReadCondition.None;
            if (maskedAtAttach) c |= ReadCondition.MaskedAtAttach;
            if (f.Expected == ExpectedRead.TooSmall) c |= ReadCondition.SmallDestination;
            if (f.Expected == ExpectedRead.Malformed) c |= ReadCondition.MalformedPacket;
            if (f.Next is { } next)
            {
                if (next.RunsPastEnd(size)) c |= ReadCondition.Wraps;
                if (ControlPage.Read(run.ControlBefore(step.Index), ControlPage.WriteIndexOffset) < f.Position) c |= ReadCondition.WriterBehind;
                if (next.Total == largest) c |= ReadCondition.Largest;
                if (next.Op.Fault == RingFault.GarbagePadding) c |= ReadCondition.GarbagePadding;
                if (next.Op.Fault == RingFault.WrongTrailer) c |= ReadCondition.WrongTrailer;
                if (next.Descriptor.Len8 == next.Descriptor.Offset8) c |= ReadCondition.EmptyPayload;
            }
            _at[step.Index] = c;
            switch (Went(f))
            {
                // Rejecting a malformed packet is right whether or not it wraps or is the largest: it shows only that the reader looked.
                case true: _handled |= f.Expected == ExpectedRead.Malformed ? c & ExplainsMissing : c; break;
                case false: wrong.Add(f); break;
            }
        }
        // A packet misread where no situation of a reader rule met: the reader goes wrong on plain reads too (E-40).
        if (wrong.FirstOrDefault(f => (At(f) & Relevant(f)) == ReadCondition.None) is { } plain) _plainMisreadAt = plain.Step.Index;
        foreach (var f in wrong)
        {
            var open = Unexplained(f);
            if ((open & (open - 1)) == 0) continue; // none or one condition left: a rule can be named
            _unresolvedAt = f.Step.Index;
            break;
        }
    }

    // Worked out once per run, like the reader facts it rests on, and shared by every check that asks.
    public static ReadConditions Of(RingRun run)
    {
        var memo = RunMemo.Of(run);
        return memo.Conditions ??= new ReadConditions(run, RingModel.Reader(run));
    }

    /// <summary>True when <paramref name="condition"/> met at the read <paramref name="f"/>.</summary>
    public bool Meets(ReaderFact f, ReadCondition condition) => (At(f) & condition) != ReadCondition.None;

    // The conditions met at the read f that bear on its outcome; None for a step that is not a read.
    private ReadCondition At(ReaderFact f) => _at.GetValueOrDefault(f.Step.Index);

    /// <summary>
    /// True when a wrong outcome at <paramref name="f"/> can be laid on <paramref name="own"/> (None for a rule about
    /// every read): every other condition met there is one the reader handled in this scenario, and no earlier wrong
    /// outcome was left unresolved. Where the rule is named for its own situation met there, that situation can explain
    /// the outcome (masking at attach never explains a refusal), and no earlier read where no situation met went wrong
    /// (then the reader misreads without the situation, which explains this read as well).
    /// </summary>
    public bool Attributable(ReaderFact f, ReadCondition own)
    {
        if (f.Step.Index >= _unresolvedAt || (Unexplained(f) & ~own) != ReadCondition.None) return false;
        var mine = At(f) & own;
        if (mine == ReadCondition.None) return true; // a rule about every read, at a read where none of its situations met
        // Its situation must be one that can explain this outcome at all.
        return (mine & Relevant(f)) != ReadCondition.None && f.Step.Index <= _plainMisreadAt;
    }

    private ReadCondition Unexplained(ReaderFact f) => At(f) & Relevant(f) & ~_handled;

    // A reader blind while masked at attach sees nothing: it does not refuse a well-formed packet as malformed.
    private static ReadCondition Relevant(ReaderFact f) => f.Expected != ExpectedRead.Malformed
        ? f.Step.Outcome == StepOutcome.Malformed ? ~ReadCondition.MaskedAtAttach : ~ReadCondition.None
        : f.Step.Outcome switch
    {
        StepOutcome.Packet => ExplainsAcceptance,
        StepOutcome.Empty => ExplainsMissing,
        _ => ~ReadCondition.None, // a rejection for another reason, a size report: any condition the reader may trip on
    };

    // Whether the read went as the model expects; null for a read that tests nothing (an empty ring, a strict-only fault).
    private static bool? Went(ReaderFact f) => f.Expected switch
    {
        ExpectedRead.Packet => f.Step.Outcome == StepOutcome.Packet && f.Step.Packet?.RingOffset == f.Next!.Start,
        ExpectedRead.TooSmall => f.Step.Outcome == StepOutcome.BufferTooSmall,
        ExpectedRead.Malformed => f.Step.Outcome == StepOutcome.Malformed,
        _ => null,
    };
}

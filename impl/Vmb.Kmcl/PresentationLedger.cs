namespace Vmb.Kmcl;

/// <summary>
/// The presentations one slot has made, as their tokens see them (D32). Each presentation — a packet's first
/// and each one after Defer or PENDING — takes the slot's next generation, so no token is issued twice while
/// the slot lives and an old token can never pass for the live one. The latest presentation's standing is
/// kept exactly; of the <see cref="Depth"/> before it, one bit each says whether it ended answered or
/// superseded, so a stale token is named exactly (R-MIS-1 or R-MIS-2) as long as its slot has presented
/// fewer than <see cref="Depth"/> times since; older ones are <see cref="HandleStanding.Forgotten"/>.
/// Used under the channel's lock.
/// </summary>
internal sealed class PresentationLedger
{
    /// <summary>Ended presentations whose ending is remembered, besides the latest.</summary>
    public const int Depth = 64;

    private ulong _endings; // bit i: presentation Generation − 1 − i ended answered (else superseded)

    /// <summary>A new slot's ledger; <paramref name="presentations"/> lets a test start at the end of a slot's life without 2^40 presentations.</summary>
    public PresentationLedger(ulong presentations = 0) => Generation = presentations;

    /// <summary>The latest presentation's generation; 0 before the first.</summary>
    public ulong Generation { get; private set; }

    /// <summary>How the latest presentation stands: Live, Answered or Superseded.</summary>
    public HandleStanding Latest { get; private set; } = HandleStanding.Answered;

    /// <summary>The managed thread running the latest presentation's callback; 0 once it returned.</summary>
    public int CallbackThread { get; set; }

    /// <summary>True while the latest presentation's callback runs.</summary>
    public bool InCallback => CallbackThread != 0;

    /// <summary>True when the slot cannot start another packet: its generations are nearly used up.</summary>
    /// <remarks>The margin leaves room for the re-presentations of the packet that is in the slot last.</remarks>
    public bool Exhausted => Generation >= PacketToken.MaxGeneration - (1UL << 20);

    /// <summary>Starts a presentation on <paramref name="thread"/>; returns its generation.</summary>
    public ulong Begin(int thread)
    {
        if (Latest == HandleStanding.Live) throw new InvalidOperationException("a slot presents one packet at a time");
        if (Generation == PacketToken.MaxGeneration) throw new InvalidOperationException("the slot's generations are used up");
        if (Generation != 0) _endings = _endings << 1 | (Latest == HandleStanding.Answered ? 1UL : 0UL);
        Generation++;
        Latest = HandleStanding.Live;
        CallbackThread = thread;
        return Generation;
    }

    /// <summary>The latest presentation ends: Answered or Superseded.</summary>
    public void End(HandleStanding how) => Latest = how;

    /// <summary>How the presentation of generation <paramref name="generation"/> stands now.</summary>
    public HandleStanding Standing(ulong generation)
    {
        if (generation == 0 || generation > Generation) return HandleStanding.Unknown;
        if (generation == Generation) return Latest;
        var age = Generation - 1 - generation;
        if (age >= Depth) return HandleStanding.Forgotten;
        return (_endings >> (int)age & 1) != 0 ? HandleStanding.Answered : HandleStanding.Superseded;
    }

    /// <summary>True when the callback of the presentation <paramref name="generation"/> runs on <paramref name="thread"/>.</summary>
    public bool InCallbackOn(ulong generation, int thread) => generation == Generation && CallbackThread == thread;
}

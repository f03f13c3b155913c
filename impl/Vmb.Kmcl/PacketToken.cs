namespace Vmb.Kmcl;

/// <summary>
/// The token of a <see cref="Spec.Spi.VmbPacket"/> the reference issues (D32): the slot of the packet's record
/// in the low 24 bits, the slot's presentation generation above them. Generations start at 1, so token 0
/// names nothing.
/// </summary>
internal static class PacketToken
{
    private const int SlotBits = 24;

    /// <summary>Slots a channel can have: far more packets than any ring lets a client hold at once.</summary>
    public const int MaxSlots = 1 << SlotBits;

    /// <summary>The last generation a slot can issue (2^40 − 1: decades of presentations at any real rate).</summary>
    public const ulong MaxGeneration = (1UL << (64 - SlotBits)) - 1;

    public static ulong Make(int slot, ulong generation) => generation << SlotBits | (uint)slot;

    public static int Slot(ulong token) => (int)(token & (MaxSlots - 1));

    public static ulong Generation(ulong token) => token >> SlotBits;
}
